package org.patrolmap.importer;

import org.patrolmap.importer.derive.AreaBuilder;
import org.patrolmap.importer.derive.CoverageCheck;
import org.patrolmap.importer.facts.FactTables;
import org.patrolmap.importer.read.GeoJsonFileReader;
import org.patrolmap.importer.read.ShapefileReader;
import org.patrolmap.importer.read.VectorFeature;
import org.patrolmap.importer.read.VectorLayer;
import org.patrolmap.store.FactWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.io.WKBWriter;
import org.patrolmap.model.Area;
import org.patrolmap.store.Database;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.DatasetInfo;
import org.patrolmap.model.Footprint;

/**
 * The {@code import} command: reads the manifest's inputs and the curated facts, derives the areas,
 * validates everything and swaps the new dataset in atomically. The whole dataset is written in one
 * transaction under a new dataset id; the pointer {@code current_dataset} changes in the same
 * transaction, so a failed import leaves the served dataset exactly as it was.
 */
public final class Importer {
  /** Advisory lock id that serialises imports. */
  private static final long LOCK = 0x7061_7472_6f6cL;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final double MAX_OVERLAP_M2 = 100;

  private final Database db;
  private final Fetcher fetcher;
  private final Manifest manifest;
  private final Path dataDir;
  private final PrintWriter out;
  private final boolean terminal;

  public Importer(Database db, Fetcher fetcher, Manifest manifest, Path dataDir, PrintWriter out, boolean terminal) {
    this.db = db;
    this.fetcher = fetcher;
    this.manifest = manifest;
    this.dataDir = dataDir;
    this.out = out;
    this.terminal = terminal;
  }

  /** Fetches and checks every input without importing. */
  public List<Fetcher.Fetched> fetchAll() {
    List<Fetcher.Fetched> list = new ArrayList<>();
    for (Manifest.Input in : manifest.inputs()) {
      list.add(fetcher.fetch(in));
    }
    return list;
  }

  /** Runs a whole import; returns the new dataset id. Throws on any problem, having changed nothing served. */
  public long run(LocalDate today) {
    Progress progress = new Progress(out, terminal);
    progress.step("fetching inputs (manifest " + manifest.inputs().size() + " inputs)");
    List<Fetcher.Fetched> inputs = fetchAll();
    Map<String, VectorLayer> layers = new LinkedHashMap<>();
    for (Fetcher.Fetched f : inputs) {
      progress.step("reading " + f.layerFile().getFileName());
      layers.put(f.input().name(), f.layerFile().toString().endsWith(".geojson")
          ? GeoJsonFileReader.read(f.layerFile()) : ShapefileReader.read(f.layerFile()));
    }
    try (Connection c = db.connection()) {
      if (!tryLock(c)) {
        throw new IllegalStateException("another import is running on this database; try again when it ends");
      }
      try {
        long ds = createDataset(c, inputs);
        try {
          Map<String, Object> report = importInto(c, ds, layers, today, progress);
          progress.done();
          print(report, progress.seconds());
          return ds;
        } catch (RuntimeException | SQLException e) {
          c.rollback();
          c.setAutoCommit(true);
          markFailed(c, ds, e.getMessage());
          throw e;
        }
      } finally {
        c.setAutoCommit(true);
        unlock(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database error during import: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> importInto(Connection c, long ds, Map<String, VectorLayer> layers, LocalDate today,
      Progress progress) throws SQLException {
    c.setAutoCommit(false);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", ds);
    try (Statement st = c.createStatement()) {
      st.execute("""
          create temp table raw_feature (layer text not null, idx int not null, attrs jsonb not null,
            geom geometry, repaired boolean not null default false) on commit drop""");
    }
    Map<String, Object> read = new LinkedHashMap<>();
    for (Map.Entry<String, VectorLayer> e : layers.entrySet()) {
      read.put(e.getKey(), loadRaw(c, e.getKey(), e.getValue(), progress));
    }
    progress.step("checking and repairing geometry");
    Map<String, Object> rule = repair(c, read);
    report.put("inputs", read);
    report.put("geometry_repair", rule);

    progress.step("deriving areas (municipalities, City, unincorporated parts)");
    AreaBuilder.Result areas = AreaBuilder.build(c, ds);
    Map<String, Object> ar = new LinkedHashMap<>();
    ar.put("municipalities", areas.municipalities());
    ar.put("independent_city", 1);
    ar.put("unincorporated_parts", areas.unincorporatedParts());
    ar.put("places_excluded_outside_county", areas.excludedPlaces());
    ar.put("slivers", areas.slivers());
    ar.put("slivers_merged_into_neighbour", areas.sliversMerged());
    ar.put("slivers_dropped", areas.slivers() - areas.sliversMerged());
    ar.put("sliver_area_m2", Math.round(areas.sliverM2()));
    ar.put("sliver_rule", "unincorporated part < " + (int) AreaBuilder.SLIVER_M2 + " m², or < " + (int) AreaBuilder.THIN_M2
        + " m² with Polsby-Popper compactness < " + AreaBuilder.THIN_COMPACTNESS);
    report.put("areas", ar);

    progress.step("loading the 24:1 footprint");
    insertFootprint(c, ds);

    progress.step("checking the areas as a coverage");
    List<Area> derived = CoverageCheck.readAreas(c, ds);
    Map<String, Object> coverage = CoverageCheck.run(c, ds, derived);
    report.put("coverage", coverage);
    double overlap = ((Number) coverage.get("overlap_m2")).doubleValue();
    if (overlap > MAX_OVERLAP_M2) {
      throw new IllegalStateException("areas overlap by " + Math.round(overlap) + " m² (limit " + MAX_OVERLAP_M2 + ")");
    }

    progress.step("loading curated facts from " + dataDir);
    Map<String, Area> areaMap = new LinkedHashMap<>();
    for (Area a : derived) {
      areaMap.put(a.id(), a);
    }
    FactTables facts = FactTables.load(dataDir, areaMap);
    FactWriter.write(c, ds, facts);
    List<Footprint> footprints = List.of();
    Dataset dataset = new Dataset(new DatasetInfo(ds, null, Map.of()), new ArrayList<>(areaMap.values()),
        facts.agencies(), facts.sources(), facts.services(), facts.rules(), footprints);
    report.put("facts", QaReport.facts(dataset, facts, today));

    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("areas", areaMap.size());
    counts.put("municipalities", areas.municipalities());
    counts.put("unincorporated", areas.unincorporatedParts());
    counts.put("agencies", facts.agencies().size());
    counts.put("sources", facts.sources().size());
    counts.put("services", facts.services().size());
    counts.put("rules", facts.rules().size());
    counts.put("footprints", 1);
    report.put("counts", counts);

    progress.step("swapping the new dataset in");
    swap(c, ds, counts, report);
    c.commit();
    return report;
  }

  private Map<String, Object> loadRaw(Connection c, String name, VectorLayer layer, Progress progress) throws SQLException {
    progress.start("loading " + name + " (" + layer.features().size() + " features)", layer.features().size());
    WKBWriter wkb = new WKBWriter(2);
    int loaded = 0;
    int nullGeom = 0;
    int srid = registerCrs(c, layer);
    try (PreparedStatement ps = c.prepareStatement(srid == 4326
        ? "insert into raw_feature (layer, idx, attrs, geom) values (?, ?, ?::jsonb, ST_GeomFromWKB(?, 4326))"
        : "insert into raw_feature (layer, idx, attrs, geom) values (?, ?, ?::jsonb, ST_Transform(ST_GeomFromWKB(?, " + srid
            + "), 4326))")) {
      int i = 0;
      for (VectorFeature f : layer.features()) {
        i++;
        if (f.geometry() == null || f.geometry().isEmpty()) {
          nullGeom++;
          continue;
        }
        ps.setString(1, name);
        ps.setInt(2, i);
        ps.setString(3, json(f.attributes()));
        ps.setBytes(4, wkb.write(f.geometry()));
        ps.addBatch();
        loaded++;
        if (loaded % 500 == 0) {
          executeBatch(ps, layer);
          progress.update(i);
        }
      }
      executeBatch(ps, layer);
      progress.update(layer.features().size());
    }
    unregisterCrs(c, srid);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("file", layer.path().getFileName().toString());
    r.put("read", layer.features().size());
    r.put("loaded", loaded);
    r.put("dropped_empty_geometry", nullGeom);
    return r;
  }

  private static void executeBatch(PreparedStatement ps, VectorLayer layer) throws SQLException {
    try {
      ps.executeBatch();
    } catch (SQLException e) {
      throw new InputDataException(layer.path(), "cannot be reprojected with its .prj or loaded: " + e.getMessage(), e);
    }
  }

  /**
   * Repairs invalid polygons of the features the derivation can use — every feature whose envelope
   * meets the two counties' envelope (the rest of Missouri is never read) — with ST_MakeValid,
   * keeping polygonal parts, and drops what is left empty. Returns the repairs per layer.
   */
  private static Map<String, Object> repair(Connection c, Map<String, Object> read) throws SQLException {
    Map<String, Integer> repaired = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(String.format(Locale.ROOT, """
        with region as (
          select ST_Envelope(ST_Collect(geom)) as e from raw_feature
          where layer = 'counties' and attrs->>'GEOID' in ('%s', '%s'))
        update raw_feature f set geom = ST_CollectionExtract(ST_MakeValid(f.geom), 3), repaired = true
        from region where f.geom && region.e and not ST_IsValid(f.geom)
        returning f.layer""", AreaBuilder.COUNTY, AreaBuilder.CITY_COUNTY));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        repaired.merge(rs.getString(1), 1, Integer::sum);
      }
    }
    Map<String, Integer> emptied = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("delete from raw_feature where ST_IsEmpty(geom) returning layer");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        emptied.merge(rs.getString(1), 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Object> e : read.entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) e.getValue();
      r.put("repaired", repaired.getOrDefault(e.getKey(), 0));
      r.put("dropped_empty_after_repair", emptied.getOrDefault(e.getKey(), 0));
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("checked", "features whose envelope meets the envelope of counties 29189 and 29510");
    rule.put("repair", "invalid polygons replaced by ST_MakeValid, keeping polygonal parts; empty results dropped");
    return rule;
  }

  /**
   * Registers a layer's .prj text as a temporary spatial_ref_sys entry (an SRID derived from its
   * hash) so PostGIS builds the PROJ transformation once per layer, not once per feature; the rows
   * are reprojected to EPSG:4326 as they are inserted. Returns 4326 for layers without a .prj
   * (GeoJSON). The entry is removed again in the same transaction ({@link #unregisterCrs}).
   */
  private static int registerCrs(Connection c, VectorLayer layer) throws SQLException {
    if (layer.prjWkt() == null) {
      return 4326;
    }
    int srid = 900_000 + Math.floorMod(layer.prjWkt().hashCode(), 98_999);
    try (PreparedStatement reg = c.prepareStatement("""
        insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) values (?, 'patrolmap', ?, ?, null)
        on conflict (srid) do update set srtext = excluded.srtext""")) {
      reg.setInt(1, srid);
      reg.setInt(2, srid);
      reg.setString(3, layer.prjWkt());
      reg.execute();
    }
    return srid;
  }

  private static void unregisterCrs(Connection c, int srid) throws SQLException {
    if (srid != 4326) {
      try (PreparedStatement ps = c.prepareStatement("delete from spatial_ref_sys where srid = ?")) {
        ps.setInt(1, srid);
        ps.execute();
      }
    }
  }

  private static void insertFootprint(Connection c, long ds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        insert into footprint (dataset_id, id, name, description, source, area_m2, geom)
        select ?, 'normandy-24-1', 'Normandy Schools Collaborative (24:1)',
          'The Normandy Schools Collaborative school district, the "24:1" area of 24 North County municipalities.',
          'Census cartographic boundary 2016 unified school district GEOID 2922650',
          ST_Area(geom::geography), ST_Multi(geom)
        from raw_feature where layer = 'school_districts' and attrs->>'GEOID' = '2922650'""")) {
      ps.setLong(1, ds);
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("the school district layer has no district 2922650 (Normandy)");
      }
    }
  }

  private long createDataset(Connection c, List<Fetcher.Fetched> inputs) throws SQLException {
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
    for (String f : List.of("agencies.csv", "sources.csv", "services.csv", "rules.csv")) {
      Path p = dataDir.resolve(f);
      files.add(Map.of("path", "data/" + f, "sha256", java.nio.file.Files.exists(p) ? Fetcher.sha256(p) : "missing"));
    }
    facts.put("files", files);
    list.add(facts);
    try (PreparedStatement ps = c.prepareStatement("insert into dataset (inputs) values (?::jsonb) returning id")) {
      ps.setString(1, json(list));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void swap(Connection c, long ds, Map<String, Object> counts, Map<String, Object> report) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update dataset set status = 'ready', finished_at = now(), counts = ?::jsonb, qa = ?::jsonb where id = ?")) {
      ps.setString(1, json(counts));
      ps.setString(2, json(report));
      ps.setLong(3, ds);
      ps.execute();
    }
    long previous = -1;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select dataset_id from current_dataset for update")) {
      if (rs.next()) {
        previous = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("""
        insert into current_dataset (singleton, dataset_id) values (true, ?)
        on conflict (singleton) do update set dataset_id = excluded.dataset_id, swapped_at = now()""")) {
      ps.setLong(1, ds);
      ps.execute();
    }
    // Keep the previous dataset (for comparison and rollback); drop older ones and failed attempts.
    try (PreparedStatement ps = c.prepareStatement(
        "delete from dataset where id not in (?, ?)")) {
      ps.setLong(1, ds);
      ps.setLong(2, previous);
      ps.execute();
    }
    try (PreparedStatement ps = c.prepareStatement("update dataset set status = 'retired' where id = ?")) {
      ps.setLong(1, previous);
      ps.execute();
    }
  }

  private static void markFailed(Connection c, long ds, String message) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update dataset set status = 'failed', finished_at = now(), message = ? where id = ?")) {
      ps.setString(1, message == null ? "failed" : message.length() > 4000 ? message.substring(0, 4000) : message);
      ps.setLong(2, ds);
      ps.execute();
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
      ps.setLong(1, LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
      ps.setLong(1, LOCK);
      ps.execute();
    }
  }

  private void print(Map<String, Object> report, double seconds) {
    out.println();
    out.println("== import report ==");
    out.println(json(report));
    out.printf(Locale.ROOT, "import finished in %.1f s: dataset %s is now served%n", seconds, report.get("dataset"));
    out.flush();
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
