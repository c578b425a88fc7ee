package org.patrolmap.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * A bad input ends the import with a message naming the file and the problem, and the dataset being
 * served stays exactly as it was (same dataset id, same layer ETag).
 */
class ImportFailureIT {
  private static final String[] PLACE = {"tiger/tl_2019_29_place/tl_2019_29_place"};
  private static final String[] COUNTY = {"tiger/MO_DEMOS_CountiesRace/MO_DEMOS_CountiesRace"};
  private static final String[] UNSD = {"tiger/cb_2016_29_unsd_500k/cb_2016_29_unsd_500k"};
  private static AppConfig cfg;
  private static String base;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    base = TestServer.get().baseUrl();
    cfg = TestServer.config();
  }

  /**
   * Copies the extracted shapefiles into a temp mirror, lets the test damage it, builds a matching
   * manifest.
   */
  private Manifest mirror(Path mirror, Consumer<Path> damage, boolean withDbf) throws Exception {
    List<Manifest.Input> inputs = new ArrayList<>();
    String[][] layers = {PLACE, COUNTY, UNSD};
    String[] names = {"places", "counties", "school_districts"};
    for (int i = 0; i < layers.length; i++) {
      for (String ext : new String[] {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        Path src = cfg.dataMirror().resolve(layers[i][0] + ext);
        if (Files.exists(src)) {
          Path dst = mirror.resolve(layers[i][0] + ext);
          Files.createDirectories(dst.getParent());
          Files.copy(src, dst);
        }
      }
    }
    damage.accept(mirror);
    for (int i = 0; i < layers.length; i++) {
      List<Manifest.FileRef> files = new ArrayList<>();
      for (String ext : new String[] {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        Path p = mirror.resolve(layers[i][0] + ext);
        if (Files.exists(p) && (withDbf || !ext.equals(".dbf") || i != 1)) {
          files.add(
              new Manifest.FileRef(
                  layers[i][0] + ext, "https://example.invalid/" + ext, Fetcher.sha256(p)));
        }
      }
      String layer = Path.of(layers[i][0]).getFileName() + ".shp";
      inputs.add(
          new Manifest.Input(
              names[i], "test", "shapefile", layer, files, "PD", "test", "NAD83", "2019"));
    }
    return new Manifest(inputs, derivation());
  }

  /** The real manifest's derivation (which inputs and GEOIDs make the areas and footprints). */
  private Manifest.Derivation derivation() {
    return Manifest.read(cfg.shapefilesDir().resolve("sources.json")).derive();
  }

  private record Served(String datasetId, String etag) {}

  private static Served served() {
    var r = TestHttp.get(base + "/api/layers/areas");
    return new Served(
        r.headers().firstValue("X-Dataset-Id").orElseThrow(),
        r.headers().firstValue("ETag").orElseThrow());
  }

  private String failImport(Manifest m, Path dataDir) {
    Served before = served();
    StringWriter out = new StringWriter();
    RuntimeException e;
    try (Database db = Database.open(cfg.dbUrl(), 2)) {
      Importer imp =
          new Importer(
              new DatasetWriter(db),
              new Fetcher(tmp.resolve("cache"), tmp.resolve("mirror")),
              m,
              dataDir,
              new PrintWriter(out, true),
              false);
      e = assertThrows(RuntimeException.class, () -> imp.run(LocalDate.of(2026, 11, 22)));
    }
    TestServer.get().running().datasets().refresh();
    assertEquals(before, served(), "the served dataset is untouched");
    return e.getMessage();
  }

  @Test
  void truncatedShpNamesTheFileAndLeavesTheServedDatasetUntouched() throws Exception {
    Manifest m =
        mirror(tmp.resolve("mirror"), dir -> truncate(dir.resolve(PLACE[0] + ".shp"), 5000), true);
    String msg = failImport(m, cfg.dataDir());
    assertTrue(msg.contains("tl_2019_29_place.shp"), msg);
  }

  @Test
  void wrongMagicNumberIsReported() throws Exception {
    Manifest m =
        mirror(
            tmp.resolve("mirror"),
            dir -> overwrite(dir.resolve(UNSD[0] + ".shp"), new byte[] {1, 2, 3, 4}),
            true);
    String msg = failImport(m, cfg.dataDir());
    assertTrue(msg.contains("cb_2016_29_unsd_500k.shp"), msg);
  }

  @Test
  void missingDbfIsReported() throws Exception {
    Manifest m =
        mirror(tmp.resolve("mirror"), dir -> delete(dir.resolve(COUNTY[0] + ".dbf")), false);
    String msg = failImport(m, cfg.dataDir());
    assertTrue(msg.contains(".dbf") && msg.contains("MO_DEMOS_CountiesRace"), msg);
  }

  @Test
  void checksumMismatchIsReported() throws Exception {
    Manifest good = mirror(tmp.resolve("mirror"), dir -> {}, true);
    Manifest.Input places = good.inputs().get(0);
    List<Manifest.FileRef> files = new ArrayList<>(places.files());
    Manifest.FileRef f = files.get(0);
    files.set(0, new Manifest.FileRef(f.path(), f.url(), "0".repeat(64)));
    Manifest bad =
        new Manifest(
            List.of(
                new Manifest.Input(
                    places.name(),
                    places.description(),
                    places.format(),
                    places.layer(),
                    files,
                    places.licence(),
                    places.attribution(),
                    places.crs(),
                    places.vintage()),
                good.inputs().get(1),
                good.inputs().get(2)),
            good.derive());
    String msg = failImport(bad, cfg.dataDir());
    assertTrue(msg.contains("sha256 mismatch"), msg);
  }

  @Test
  void aBadFactRowStopsTheLoadNamingFileLineAndColumn() throws Exception {
    Manifest m = mirror(tmp.resolve("mirror"), dir -> {}, true);
    Path data = Files.createDirectories(tmp.resolve("data"));
    for (String f : new String[] {"agencies.csv", "sources.csv", "rules.csv", "services.csv"}) {
      Files.copy(cfg.dataDir().resolve(f), data.resolve(f));
    }
    Files.writeString(
        data.resolve("services.csv"),
        "zz-bad,2923986,Ferguson,patrol,ferguson-pd,own_department,2020-01-01,2019-01-01,high,no-such-source,\n",
        java.nio.file.StandardOpenOption.APPEND);
    String msg = failImport(m, data);
    assertTrue(
        msg.contains("services.csv line")
            && msg.contains("column valid_to")
            && msg.contains("column source_ids"),
        msg);
  }

  @Test
  void anUnreachableDatabaseEndsTheImportCommandWithExitCode1() {
    int code =
        new picocli.CommandLine(new App())
            .setExecutionExceptionHandler((e, cmd, parsed) -> 1)
            .execute(
                "import",
                "--db-url",
                "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2",
                "--project-dir",
                cfg.projectDir().toString());
    assertEquals(1, code);
  }

  private static void truncate(Path p, long size) {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void overwrite(Path p, byte[] head) {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(head);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
