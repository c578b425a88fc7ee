package org.patrolmap.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.importer.Importer;
import org.patrolmap.store.Database;

/**
 * The integration-test fixture shared by every {@code *IT}: the real PostGIS test database ({@code
 * PATROLMAP_TEST_DB_URL}, set by the Makefile), the real St. Louis import from the data mirror
 * (done once per JVM), and a running server on a free port. Under {@code CI=true} a missing
 * database or mirror fails the test instead of skipping it.
 */
public final class TestServer {
  /** The date the import QA report is made for; lookups use today unless a test passes a date. */
  public static final LocalDate QA_DATE = LocalDate.of(2026, 11, 22);

  private static TestServer instance;

  private final AppConfig config;
  private final App.Running running;
  private final String importOutput;

  private TestServer(AppConfig config, App.Running running, String importOutput) {
    this.config = config;
    this.running = running;
    this.importOutput = importOutput;
  }

  /** The shared server, imported and started on first use. */
  public static synchronized TestServer get() {
    if (instance == null) {
      AppConfig cfg = config();
      String out = importOnce(cfg);
      App.Running r = App.start(cfg.withPort(0));
      instance = new TestServer(cfg, r, out);
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
    }
    return instance;
  }

  /** The test configuration: test database, data mirror, this checkout as project dir, no tiles. */
  public static AppConfig config() {
    String url = System.getenv("PATROLMAP_TEST_DB_URL");
    requireOrSkip(
        url != null && !url.isBlank(),
        "PATROLMAP_TEST_DB_URL is not set (run through `make test`)");
    Path project = Path.of("").toAbsolutePath();
    String mirror = System.getenv("PATROLMAP_DATA_MIRROR");
    if (mirror == null || mirror.isBlank()) {
      Path shared = project.resolve("../shared/data").normalize();
      mirror = Files.isDirectory(shared) ? shared.toString() : null;
    }
    requireOrSkip(
        mirror != null && Files.isDirectory(Path.of(mirror)),
        "no data mirror (PATROLMAP_DATA_MIRROR or ../shared/data)");
    Map<String, String> flags = new HashMap<>();
    flags.put("DB_URL", url);
    flags.put("DATA_MIRROR", mirror);
    flags.put("PROJECT_DIR", project.toString());
    flags.put("TILE_URL", "");
    flags.put("RELOAD_SECONDS", "1");
    flags.put("NENA_DISCREPANCY_AGENCY_ID", "patrolmap.example.org");
    return AppConfig.from(flags, Map.of());
  }

  /** Fails under CI=true, skips otherwise. */
  /**
   * The path of GDAL's {@code ogrinfo} (the usual places, then {@code PATH}); skips the test class
   * when it is missing (fails under {@code CI=true}, as {@link #requireOrSkip} does).
   */
  public static String ogrinfo() {
    java.util.List<Path> candidates =
        new java.util.ArrayList<>(
            java.util.List.of(Path.of("/usr/bin/ogrinfo"), Path.of("/usr/local/bin/ogrinfo")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "ogrinfo"));
        }
      }
    }
    String found =
        candidates.stream()
            .filter(Files::isExecutable)
            .map(Path::toString)
            .findFirst()
            .orElse(null);
    requireOrSkip(found != null, "ogrinfo (Debian package gdal-bin) is not installed");
    return found;
  }

  public static void requireOrSkip(boolean ok, String why) {
    if (!ok) {
      if ("true".equals(System.getenv("CI"))) {
        fail("integration test prerequisite missing under CI=true: " + why);
      }
      assumeTrue(false, why);
    }
  }

  private static String importOnce(AppConfig cfg) {
    StringWriter buf = new StringWriter();
    try (Database db = Database.open(cfg.dbUrl(), 2)) {
      requireOrSkip(db.ping(), "the test database does not answer at " + cfg.dbUrl());
      db.migrate();
      PrintWriter pw = new PrintWriter(buf, true);
      App.newImporter(cfg, db, pw).run(QA_DATE);
    }
    return buf.toString();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + running.server().port();
  }

  public AppConfig appConfig() {
    return config;
  }

  public App.Running running() {
    return running;
  }

  /** What the import printed (its report). */
  public String importOutput() {
    return importOutput;
  }

  /** A new importer against the test database, e.g. to swap datasets during a test. */
  public Importer importer(Database db, PrintWriter out) {
    return App.newImporter(config, db, out);
  }
}
