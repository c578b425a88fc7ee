package org.patrolmap;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.patrolmap.admin.AdminRoutes;
import org.patrolmap.admin.CorrectionReviewRoutes;
import org.patrolmap.admin.ImportJobs;
import org.patrolmap.api.ApiRoutes;
import org.patrolmap.api.FeedbackRoutes;
import org.patrolmap.api.HealthHandler;
import org.patrolmap.geocode.CensusGeocoder;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.http.ComputePool;
import org.patrolmap.http.HttpServer;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Routes;
import org.patrolmap.http.SecurityHeaders;
import org.patrolmap.importer.Fetcher;
import org.patrolmap.importer.Importer;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.importer.Manifest;
import org.patrolmap.importer.facts.CorrectionExport;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.NenaSettings;
import org.patrolmap.ogc.OgcRoutes;
import org.patrolmap.store.AuditLog;
import org.patrolmap.store.ChangeRepository;
import org.patrolmap.store.Corrections;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetHolder;
import org.patrolmap.store.DatasetRepository;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.store.ReplicationState;
import org.patrolmap.store.SavedFootprints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The patrolmap command line ({@code fetch}, {@code import}, {@code serve}) and the wiring of the
 * server.
 */
@Command(
    name = "patrolmap",
    mixinStandardHelpOptions = true,
    version = "patrolmap 0.1.0",
    description =
        "Who patrols, dispatches and holds the police contract in St. Louis City and County.",
    subcommands = {
      App.Fetch.class,
      App.Import.class,
      App.Serve.class,
      App.Migrate.class,
      App.Attribute.class,
      App.CorrectionsCommand.class
    })
public final class App implements Callable<Integer> {
  /** The time zone of "today" (St. Louis). */
  public static final ZoneId ZONE = ZoneId.of("America/Chicago");

  /** Options shared by every command; each overrides its PATROLMAP_* variable. */
  static class Common {
    @Option(names = "--port", description = "HTTP port (PATROLMAP_PORT, default 7070)")
    String port;

    @Option(names = "--db-url", description = "JDBC URL of PostGIS (PATROLMAP_DB_URL)")
    String dbUrl;

    @Option(
        names = "--data-mirror",
        description = "folder with the inputs, for offline use (PATROLMAP_DATA_MIRROR)")
    String mirror;

    @Option(
        names = "--project-dir",
        description = "folder holding shapefiles/, data/ and web/ (PATROLMAP_PROJECT_DIR)")
    String projectDir;

    @Option(
        names = "--geocoder-url",
        description = "Census geocoder base URL (PATROLMAP_GEOCODER_URL)")
    String geocoderUrl;

    AppConfig config() {
      Map<String, String> flags = new HashMap<>();
      put(flags, "PORT", port);
      put(flags, "DB_URL", dbUrl);
      put(flags, "DATA_MIRROR", mirror);
      put(flags, "PROJECT_DIR", projectDir);
      put(flags, "GEOCODER_URL", geocoderUrl);
      return AppConfig.from(flags, System.getenv());
    }

    private static void put(Map<String, String> m, String k, String v) {
      if (v != null) {
        m.put(k, v);
      }
    }
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(out());
    return 0;
  }

  static PrintWriter out() {
    return new PrintWriter(
        new java.io.OutputStreamWriter(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), StandardCharsets.UTF_8),
        true);
  }

  @Command(
      name = "fetch",
      description =
          "Fetch and verify the inputs of shapefiles/sources.json into shapefiles/cache/.")
  static final class Fetch implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() {
      AppConfig cfg = common.config();
      Manifest m = Manifest.read(cfg.shapefilesDir().resolve("sources.json"));
      Fetcher f = new Fetcher(cfg.cacheDir(), cfg.dataMirror());
      PrintWriter out = out();
      for (Manifest.Input in : m.inputs()) {
        out.println("ok " + in.name() + " -> " + f.fetch(in).layerFile());
      }
      return 0;
    }
  }

  @Command(name = "migrate", description = "Create or update the database schema.")
  static final class Migrate implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() {
      AppConfig cfg = common.config();
      try (Database db = Database.open(cfg.dbUrl(), 2)) {
        requireDatabase(db, cfg);
        db.migrate();
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      description =
          "Import boundaries and facts as a new dataset, validated, swapped in atomically.")
  static final class Import implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Option(names = "--date", description = "date of the QA report (default today)")
    LocalDate date;

    @Override
    public Integer call() {
      AppConfig cfg = common.config();
      try (Database db = Database.open(cfg.dbUrl(), 2)) {
        requireDatabase(db, cfg);
        db.migrate();
        Importer imp = newImporter(cfg, db, out());
        imp.run(date == null ? LocalDate.now(ZONE) : date);
      }
      return 0;
    }
  }

  @Command(
      name = "attribute",
      description =
          "Attribute a CSV (or GeoJSON) file of points to who patrolled and dispatched each one on"
              + " its date, against the database's current dataset (no server). Writes the rows"
              + " with the pm_* columns added to stdout or --output.")
  static final class Attribute implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @CommandLine.Parameters(
        index = "0",
        description = "input file: CSV with a header row, or GeoJSON (.geojson/.json); may be gzip")
    java.nio.file.Path input;

    @Option(
        names = {"-o", "--output"},
        description = "output file (default stdout)")
    java.nio.file.Path output;

    @Option(names = "--date", description = "date of rows without one (default today)")
    LocalDate date;

    @Option(names = "--lon-column", description = "longitude column (default: detected)")
    String lonColumn;

    @Option(names = "--lat-column", description = "latitude column (default: detected)")
    String latColumn;

    @Option(names = "--date-column", description = "date column (default: detected)")
    String dateColumn;

    @Override
    public Integer call() throws java.io.IOException {
      AppConfig cfg = common.config();
      org.patrolmap.model.Dataset d;
      try (Database db = Database.open(cfg.dbUrl(), 2)) {
        requireDatabase(db, cfg);
        DatasetRepository repo = new DatasetRepository(db);
        long id =
            repo.currentId()
                .orElseThrow(
                    () -> new IllegalStateException("no dataset imported yet: run import"));
        d = repo.load(id);
      }
      org.patrolmap.attribute.Options opts =
          new org.patrolmap.attribute.Options(
              lonColumn,
              latColumn,
              dateColumn,
              date == null ? LocalDate.now(ZONE) : date,
              Long.MAX_VALUE,
              org.patrolmap.attribute.Options.MAX_RECORD_BYTES,
              Long.MAX_VALUE);
      String name = input.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      boolean geojson = name.matches(".*\\.(geo)?json(\\.gz)?$");
      PrintWriter err =
          new PrintWriter(
              new java.io.OutputStreamWriter(
                  new java.io.FileOutputStream(java.io.FileDescriptor.err), StandardCharsets.UTF_8),
              true);
      boolean terminal = stderrIsTerminal();
      long t0 = System.nanoTime();
      java.util.function.LongConsumer progress =
          n -> {
            if (terminal) {
              double s = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
              err.printf(java.util.Locale.ROOT, "\rattributed %,d rows (%,.0f rows/s)", n, n / s);
              err.flush();
            }
          };
      org.patrolmap.attribute.Attributor a = new org.patrolmap.attribute.Attributor(d);
      org.patrolmap.attribute.Summary summary;
      try (java.io.InputStream in = decompressed(java.nio.file.Files.newInputStream(input));
          java.io.OutputStream out =
              output == null
                  ? new java.io.FileOutputStream(java.io.FileDescriptor.out)
                  : java.nio.file.Files.newOutputStream(output)) {
        java.io.OutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
        summary =
            geojson
                ? org.patrolmap.attribute.GeoJsonAttribution.open(in, a, opts)
                    .writeTo(buffered, progress)
                : org.patrolmap.attribute.CsvAttribution.open(in, a, opts)
                    .writeTo(buffered, progress);
        buffered.flush();
      } catch (org.patrolmap.geo.InvalidValueException e) {
        throw new IllegalArgumentException(input + ": " + e.parameter() + " " + e.problem());
      }
      if (terminal) {
        err.println();
      }
      err.println(
          "patrolmap: "
              + summary.rows()
              + " rows on dataset "
              + d.id()
              + ": "
              + new String(org.patrolmap.json.Json.bytes(summary.toMap()), StandardCharsets.UTF_8));
      return summary.errors() == 0 && summary.stoppedEarly() == null ? 0 : 2;
    }

    /**
     * Whether stderr is a terminal (progress is drawn there while stdout is redirected to a file):
     * Linux's /proc link of descriptor 2, else whether the JVM has a console.
     */
    private static boolean stderrIsTerminal() {
      try {
        String target =
            java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2"))
                .toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
        return System.console() != null;
      }
    }

    private static java.io.InputStream decompressed(java.io.InputStream raw)
        throws java.io.IOException {
      java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return gzip ? new java.util.zip.GZIPInputStream(in, 1 << 16) : in;
    }
  }

  static void requireDatabase(Database db, AppConfig cfg) {
    if (!db.ping()) {
      throw new IllegalStateException(
          "cannot reach the database at "
              + cfg.dbUrl().replaceAll("password=[^&]*", "password=***")
              + " (is PostGIS running? `make db` starts the project's cluster)");
    }
  }

  public static Importer newImporter(AppConfig cfg, Database db, PrintWriter out) {
    return new Importer(
        new DatasetWriter(db),
        new Fetcher(cfg.cacheDir(), cfg.dataMirror()),
        Manifest.read(cfg.shapefilesDir().resolve("sources.json")),
        cfg.dataDir(),
        out,
        System.console() != null);
  }

  @Command(
      name = "corrections",
      description = "Work with public corrections.",
      subcommands = {App.CorrectionsExport.class})
  static final class CorrectionsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      new CommandLine(this).usage(out());
      return 0;
    }
  }

  @Command(
      name = "export",
      description =
          "Write the accepted corrections as ready-to-review rows of the data/ tables (with their"
              + " sources); --apply merges them into data/ for review with git diff.")
  static final class CorrectionsExport implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Option(
        names = "--out",
        description = "folder for the rows (default corrections-export)",
        defaultValue = "corrections-export")
    java.nio.file.Path outDir;

    @Option(names = "--apply", description = "also merge the rows into the project's data/")
    boolean apply;

    @Override
    public Integer call() {
      AppConfig cfg = common.config();
      PrintWriter out = out();
      try (Database db = Database.open(cfg.dbUrl(), 2)) {
        requireDatabase(db, cfg);
        db.prepareSchemaForServing(); // reads only: also against a standby
        org.patrolmap.model.Dataset d =
            new DatasetRepository(db)
                .load(
                    new DatasetRepository(db)
                        .currentId()
                        .orElseThrow(
                            () -> new IllegalStateException("no dataset yet: run `import` first")));
        List<org.patrolmap.model.Correction> accepted = acceptedCorrections(new Corrections(db));
        CorrectionExport.Result r = CorrectionExport.rows(accepted, d, cfg.dataDir());
        for (java.nio.file.Path p : CorrectionExport.write(r, outDir)) {
          out.println("wrote " + p);
        }
        if (apply) {
          CorrectionExport.apply(r, cfg.dataDir());
          out.println("merged into " + cfg.dataDir() + ": review with `git diff data/`");
        }
        out.println(accepted.size() + " accepted corrections, " + r.rowCount() + " rows");
        r.attention().forEach(a -> out.println("needs attention: " + a));
      }
      return 0;
    }
  }

  /** Every accepted correction, oldest first. */
  static List<org.patrolmap.model.Correction> acceptedCorrections(
      org.patrolmap.model.CorrectionStore store) {
    List<org.patrolmap.model.Correction> all = new java.util.ArrayList<>();
    String before = null;
    while (true) {
      List<org.patrolmap.model.Correction> page =
          store.list(
              new org.patrolmap.model.CorrectionStore.Filter(
                  "accepted", null, null, null, before, 500));
      all.addAll(page);
      if (page.size() < 500) {
        break;
      }
      before = page.get(page.size() - 1).id();
    }
    java.util.Collections.reverse(all);
    return all;
  }

  @Command(name = "serve", description = "Serve the API, the OGC API and the web map.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() throws InterruptedException {
      AppConfig cfg = common.config();
      Running r = start(cfg);
      out().println("patrolmap serving on http://localhost:" + r.server().port() + "/");
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
      Thread.currentThread().join();
      return 0;
    }
  }

  /** A started server with what it owns, closed together. */
  public record Running(HttpServer server, Database db, DatasetHolder datasets, ImportJobs imports)
      implements AutoCloseable {
    @Override
    public void close() {
      server.stop();
      imports.close();
      datasets.close();
      db.close();
    }
  }

  /** Wires and starts the server (also used by integration tests). */
  public static Running start(AppConfig cfg) {
    Database db = Database.open(cfg.dbUrl(), 2 * Runtime.getRuntime().availableProcessors());
    try {
      // a hot standby is never written: validated only (see Database.prepareSchemaForServing)
      org.slf4j.LoggerFactory.getLogger(App.class)
          .info("database schema: {}", db.prepareSchemaForServing());
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(App.class)
          .warn("cannot migrate the database now: {}", e.getMessage());
    }
    ReplicationState role = new ReplicationState(db, java.time.Duration.ofSeconds(1));
    role.status(); // logs the role at start
    DatasetHolder datasets = new DatasetHolder(new DatasetRepository(db));
    try {
      datasets.refresh();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(App.class)
          .warn("no dataset loaded at start: {}", e.getMessage());
    }
    datasets.startPolling(cfg.reloadInterval().toMillis());
    // per-request computation of every kind shares these workers (each kind its own lane)
    ComputePool compute = ComputePool.standard("overlay");
    Supplier<LocalDate> today = () -> LocalDate.now(ZONE);
    Layers layers =
        new Layers(
                new NenaSettings(cfg.nenaDiscrepancyAgencyId(), cfg.publicUrl()),
                compute.lane("layers", Limits.LAYER_BUILD_QUEUE, Limits.LAYER_BUILD_DEADLINE))
            .pinning(today);
    datasets.onSwap(layers::retain);
    Geocoder geocoder = new CensusGeocoder(cfg.geocoderUrl(), cfg.geocoderTimeout());
    ImportJobs imports =
        new ImportJobs(
            () -> {
              long id =
                  newImporter(cfg, db, new PrintWriter(java.io.Writer.nullWriter()))
                      .run(today.get());
              try {
                datasets.refresh(); // serve it now rather than at the next poll
              } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(App.class)
                    .warn("dataset {} imported; the poller will load it: {}", id, e.getMessage());
              }
              return id;
            });
    AuditLog audit = new AuditLog(db);
    AdminRoutes admin =
        new AdminRoutes(cfg.adminToken(), imports, new SavedFootprints(db), audit, datasets, role);
    Corrections corrections = new Corrections(db);
    List<Routes> faces =
        List.of(
            new HealthHandler(db::ping, datasets, role),
            new ApiRoutes(cfg, datasets, layers, geocoder, today, compute),
            new FeedbackRoutes(
                cfg,
                datasets,
                corrections,
                new ChangeRepository(db),
                FeedbackRoutes.correctionLimiter(),
                today,
                role),
            admin,
            new CorrectionReviewRoutes(cfg.adminToken(), corrections, audit, role),
            new OgcRoutes(cfg, datasets, layers, today, compute));
    HttpServer server =
        new HttpServer(cfg, new SecurityHeaders(cfg.tileUrl()), faces).start(cfg.port());
    return new Running(server, db, datasets, imports);
  }

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new App());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          String msg =
              e instanceof InputDataException
                      || e instanceof IllegalArgumentException
                      || e instanceof IllegalStateException
                      || e instanceof org.patrolmap.model.ReadOnlyReplicaException
                  ? e.getMessage()
                  : e.toString();
          cmd.getErr().println("patrolmap: " + msg);
          if (System.getenv("PATROLMAP_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    System.exit(cl.execute(args));
  }
}
