package org.patrolmap.importer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.patrolmap.importer.derive.AreaBuilder;
import org.patrolmap.importer.derive.CoverageCheck;
import org.patrolmap.importer.derive.RawFeatures;
import org.patrolmap.importer.facts.FactTables;
import org.patrolmap.importer.read.GeoJsonFileReader;
import org.patrolmap.importer.read.ShapefileReader;
import org.patrolmap.importer.read.VectorLayer;
import org.patrolmap.json.Json;
import org.patrolmap.model.Area;
import org.patrolmap.model.Change;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.DatasetDiff;
import org.patrolmap.model.DatasetInfo;
import org.patrolmap.store.ChangeRepository;
import org.patrolmap.store.DatasetRepository;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.store.FactWriter;

/**
 * The {@code import} command: fetches and reads the manifest's inputs and the curated facts,
 * derives the areas, validates everything and hands the result to {@link DatasetWriter}, which
 * writes the whole dataset in one transaction under a new id and swaps it in — so a failed import
 * leaves the served dataset exactly as it was.
 */
public final class Importer {
  private static final double MAX_OVERLAP_M2 = 100;
  private static final List<String> FACT_FILES =
      List.of("agencies.csv", "sources.csv", "services.csv", "rules.csv");

  private final DatasetWriter writer;
  private final Fetcher fetcher;
  private final Manifest manifest;
  private final Path dataDir;
  private final PrintWriter out;
  private final boolean terminal;
  private String changeSummary = "";

  public Importer(
      DatasetWriter writer,
      Fetcher fetcher,
      Manifest manifest,
      Path dataDir,
      PrintWriter out,
      boolean terminal) {
    this.writer = writer;
    this.fetcher = fetcher;
    this.manifest = manifest;
    this.dataDir = dataDir;
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Runs a whole import; returns the new dataset id. Throws on any problem, having changed nothing
   * served.
   */
  public long run(LocalDate today) {
    Progress progress = new Progress(out, terminal);
    progress.step("fetching inputs (manifest " + manifest.inputs().size() + " inputs)");
    List<Fetcher.Fetched> inputs = new ArrayList<>();
    for (Manifest.Input in : manifest.inputs()) {
      inputs.add(fetcher.fetch(in));
    }
    Map<String, VectorLayer> layers = new LinkedHashMap<>();
    for (Fetcher.Fetched f : inputs) {
      progress.step("reading " + f.layerFile().getFileName());
      layers.put(
          f.input().name(),
          f.layerFile().toString().endsWith(".geojson")
              ? GeoJsonFileReader.read(f.layerFile())
              : ShapefileReader.read(f.layerFile()));
    }
    ImportReport[] report = new ImportReport[1];
    long ds =
        writer.write(
            describe(inputs),
            (c, id) -> {
              report[0] = build(c, id, layers, today, progress);
              return new DatasetWriter.Written(
                  Json.prettySnakeCase(report[0].counts()), report[0].json());
            });
    progress.done();
    print(report[0], progress.seconds());
    return ds;
  }

  /** Writes dataset {@code ds}: raw layers, areas, footprints, the coverage check, the facts. */
  private ImportReport build(
      Connection c, long ds, Map<String, VectorLayer> layers, LocalDate today, Progress progress)
      throws SQLException {
    Manifest.Derivation derive = manifest.derive();
    RawFeatures.create(c);
    Map<String, RawFeatures.Loaded> loaded = new LinkedHashMap<>();
    for (Map.Entry<String, VectorLayer> e : layers.entrySet()) {
      loaded.put(e.getKey(), RawFeatures.load(c, e.getKey(), e.getValue(), progress));
    }
    progress.step("checking and repairing geometry");
    RawFeatures.Repairs repairs = RawFeatures.repair(c, derive.region());
    Map<String, ImportReport.Input> read = new LinkedHashMap<>();
    loaded.forEach(
        (name, l) ->
            read.put(
                name,
                new ImportReport.Input(
                    l.file(),
                    l.read(),
                    l.loaded(),
                    l.droppedEmptyGeometry(),
                    repairs.repaired().getOrDefault(name, 0),
                    repairs.droppedEmpty().getOrDefault(name, 0))));
    ImportReport.RepairRule rule =
        new ImportReport.RepairRule(
            "features whose envelope meets the envelope of counties "
                + derive.region().countyGeoid()
                + " and "
                + derive.region().cityCountyGeoid(),
            "invalid polygons replaced by ST_MakeValid, keeping polygonal parts; empty results dropped");

    progress.step("deriving areas (municipalities, City, unincorporated parts)");
    AreaBuilder.Result a = AreaBuilder.build(c, ds, derive);
    ImportReport.Areas areas =
        new ImportReport.Areas(
            a.municipalities(),
            1,
            a.unincorporatedParts(),
            a.excludedPlaces(),
            a.slivers(),
            a.sliversMerged(),
            a.slivers() - a.sliversMerged(),
            Math.round(a.sliverM2()),
            "unincorporated part < "
                + (int) AreaBuilder.SLIVER_M2
                + " m², or < "
                + (int) AreaBuilder.THIN_M2
                + " m² with Polsby-Popper compactness < "
                + AreaBuilder.THIN_COMPACTNESS);

    progress.step("loading the named footprints");
    int footprints = RawFeatures.insertFootprints(c, ds, derive);

    progress.step("checking the areas as a coverage");
    List<Area> derived = DatasetRepository.areas(c, ds);
    CoverageCheck.Result coverage = CoverageCheck.run(c, ds, derived);
    if (coverage.overlapM2() > MAX_OVERLAP_M2) {
      throw new IllegalStateException(
          "areas overlap by "
              + Math.round(coverage.overlapM2())
              + " m² (limit "
              + MAX_OVERLAP_M2
              + ")");
    }

    progress.step("loading curated facts from " + dataDir);
    Map<String, Area> areaMap = new LinkedHashMap<>();
    derived.forEach(x -> areaMap.put(x.id(), x));
    FactTables facts = FactTables.load(dataDir, areaMap);
    FactWriter.write(c, ds, facts.sources(), facts.agencies(), facts.services(), facts.rules());
    FactWriter.writeContacts(c, ds, facts.contacts());
    Dataset dataset =
        new Dataset(
            new DatasetInfo(ds, null, Map.of()),
            derived,
            facts.agencies(),
            facts.sources(),
            facts.services(),
            facts.rules(),
            List.of(),
            facts.contacts());
    ImportReport.Counts counts =
        new ImportReport.Counts(
            areaMap.size(),
            a.municipalities(),
            a.unincorporatedParts(),
            facts.agencies().size(),
            facts.sources().size(),
            facts.services().size(),
            facts.rules().size(),
            footprints);
    progress.step("comparing with the dataset being served");
    OptionalLong previous = DatasetRepository.currentId(c);
    if (previous.isPresent()) {
      List<Change> changes =
          DatasetDiff.between(DatasetRepository.load(c, previous.getAsLong()), dataset);
      ChangeRepository.write(c, ds, previous.getAsLong(), changes);
      changeSummary =
          changes.size()
              + " changes from dataset "
              + previous.getAsLong()
              + " (served by /api/changes)";
    } else {
      changeSummary = "first dataset: nothing to compare";
    }
    progress.step("swapping the new dataset in");
    return new ImportReport(
        ds, read, rule, areas, coverage, QaReport.facts(dataset, facts.services(), today), counts);
  }

  /**
   * The dataset's {@code inputs}: each input's files, vintage, licence and attribution, and the
   * fact files' hashes.
   */
  private List<Map<String, Object>> describe(List<Fetcher.Fetched> inputs) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Fetcher.Fetched f : inputs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.input().name());
      m.put("files", f.input().files());
      m.put("vintage", f.input().vintage());
      m.put("licence", f.input().licence());
      m.put("attribution", f.input().attribution());
      list.add(m);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("name", "facts");
    List<Map<String, String>> files = new ArrayList<>();
    for (String f : FACT_FILES) {
      Path p = dataDir.resolve(f);
      files.add(
          Map.of("path", "data/" + f, "sha256", Files.exists(p) ? Fetcher.sha256(p) : "missing"));
    }
    facts.put("files", files);
    list.add(facts);
    return list;
  }

  private void print(ImportReport report, double seconds) {
    out.println();
    out.println("== import report ==");
    out.println(report.json());
    out.println("what changed: " + changeSummary);
    out.printf(
        Locale.ROOT,
        "import finished in %.1f s: dataset %s is now served%n",
        seconds,
        report.dataset());
    out.flush();
  }
}
