package org.patrolmap.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.AppConfig;
import org.patrolmap.admin.AdminRoutes;
import org.patrolmap.admin.ImportJobs;
import org.patrolmap.api.ApiRoutes;
import org.patrolmap.api.HealthHandler;
import org.patrolmap.geocode.Candidate;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.http.ComputePool;
import org.patrolmap.http.HttpServer;
import org.patrolmap.http.Limits;
import org.patrolmap.http.SecurityHeaders;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.NenaSettings;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.AuditTrail;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseRole;
import org.patrolmap.model.FootprintArchive;
import org.patrolmap.ogc.OgcRoutes;

/**
 * The real HTTP server with its real faces (health, {@code /api}, {@code /ogc}, {@code /admin})
 * over an in-memory {@link CurrentDataset} — {@link TinyDataset} unless told otherwise — on a free
 * port, wired as {@code App.start} wires them but with no database: the health check's ping is a
 * given answer, the geocoder a {@link FakeGeocoder}, "today" fixed at {@link #TODAY}. The admin
 * face is registered with no token, so its routes are absent, as in a default deployment.
 */
public final class TinyServer implements AutoCloseable {
  /** "Today" for every request that gives no date. */
  public static final LocalDate TODAY = LocalDate.of(2024, 5, 1);

  /** Where the fake geocoder puts every address: inside Alderbrook. */
  public static final Candidate ALDERBROOK_ADDRESS =
      new Candidate("100 MAIN ST, ALDERBROOK, MO, 63100", -90.31, 38.705, "Exact");

  /** The NENA settings of the tiny server's layers: a discrepancy agency and a public URL. */
  public static final NenaSettings NENA =
      new NenaSettings("patrolmap.example.org", "https://patrolmap.example.org");

  private static TinyServer shared;

  private final HttpServer server;
  private final ImportJobs imports;

  /**
   * The default server, started on first use and shared by every test class of this JVM that only
   * reads (stopped at exit): Jetty's graceful stop costs about a second per server.
   */
  public static synchronized TinyServer shared() {
    if (shared == null) {
      TinyServer s = new TinyServer();
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
      shared = s;
    }
    return shared;
  }

  /** The tiny dataset, a database that answers and a geocoder that finds one Alderbrook address. */
  public TinyServer() {
    this(new TinyDataset(), () -> true, FakeGeocoder.answering(ALDERBROOK_ADDRESS));
  }

  /**
   * Another dataset holder and database ping (e.g. {@link TinyDataset#none()}, {@code () ->
   * false}).
   */
  public TinyServer(CurrentDataset datasets, BooleanSupplier databaseUp) {
    this(datasets, databaseUp, FakeGeocoder.answering(ALDERBROOK_ADDRESS));
  }

  public TinyServer(CurrentDataset datasets, BooleanSupplier databaseUp, Geocoder geocoder) {
    AppConfig cfg = config();
    ComputePool compute = ComputePool.standard("overlay");
    Layers layers =
        new Layers(
            NENA, compute.lane("layers", Limits.LAYER_BUILD_QUEUE, Limits.LAYER_BUILD_DEADLINE));
    this.imports =
        new ImportJobs(
            () -> {
              throw new IllegalStateException("no importer without a database");
            });
    AdminRoutes admin =
        new AdminRoutes(
            cfg.adminToken(), imports, NO_ARCHIVE, NO_AUDIT, datasets, DatabaseRole.ALWAYS_PRIMARY);
    this.server =
        new HttpServer(
                cfg,
                new SecurityHeaders(cfg.tileUrl()),
                List.of(
                    new HealthHandler(databaseUp, datasets, DatabaseRole.ALWAYS_PRIMARY),
                    new ApiRoutes(cfg, datasets, layers, geocoder, () -> TODAY, compute),
                    admin,
                    new OgcRoutes(cfg, datasets, layers, () -> TODAY, compute)))
            .start(cfg.port());
  }

  /**
   * The configuration: a free port, no tiles, no admin token, and a database URL on a port where
   * nothing listens — none of these faces may contact it.
   */
  public static AppConfig config() {
    return AppConfig.from(
        Map.of("PORT", "0", "DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "TILE_URL", ""),
        Map.of());
  }

  public int port() {
    return server.port();
  }

  /** The absolute URL of a path (with its query string) on this server. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.port() + pathAndQuery;
  }

  @Override
  public void close() {
    server.stop();
    imports.close();
  }

  /**
   * Admin routes are off (no token), so nothing is ever saved or audited; these fail loudly if they
   * were.
   */
  private static final FootprintArchive NO_ARCHIVE =
      (String id, String name, String description, Geometry geom, AuditEntry audit) -> {
        throw new IllegalStateException("admin is off in TinyServer");
      };

  private static final AuditTrail NO_AUDIT =
      new AuditTrail() {
        @Override
        public void refused(AuditEntry e) {
          throw new IllegalStateException("admin is off in TinyServer");
        }

        @Override
        public void record(AuditEntry e) {
          throw new IllegalStateException("admin is off in TinyServer");
        }
      };
}
