package org.patrolmap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Point;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.model.ReadOnlyReplicaException;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.testing.TestConfigs;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * Scale-out on PostgreSQL's own replication, as README's "Scaling out with a replica" sets it up: a
 * primary and a hot standby made with {@code pg_basebackup -R} (two clusters of the test's own),
 * one patrolmap server on each. An import into the primary reaches the standby's server within
 * seconds (the timeline is printed: committed, replayed on the standby, served by its server); the
 * standby's server refuses every write with 503 {@code read_only_replica} and Retry-After while the
 * primary's takes them; a footprint saved on the primary is served by the standby's server; after
 * {@code pg_ctl stop -m immediate} of the primary the standby's server keeps answering, and once
 * the standby is promoted it takes writes again without a restart.
 *
 * <p>The steps run in order on one pair of clusters, each stating one behaviour; the clusters and
 * servers are removed in {@link #cleanUp} whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIT {
  private static final String TOKEN = "replica-admin-token-0123456789";
  private static final String DB = "patrolmap_replica";
  private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

  private static final List<AutoCloseable> OPEN = new ArrayList<>();
  private static PrivateCluster primary;
  private static PrivateCluster standby;
  private static AppConfig config;
  private static App.Running primaryServer;
  private static App.Running standbyServer;
  private static String beforeMigration;
  private static Connection primaryJdbc;
  private static Connection standbyJdbc;
  private static final List<String> TIMELINE = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    Path bin = PrivateCluster.findBin();
    TestServer.requireOrSkip(
        bin != null,
        "PostgreSQL binaries (initdb, pg_ctl, pg_basebackup) not found under /usr/lib/postgresql");
    AppConfig shared = TestServer.config();
    config = TestConfigs.with(shared, URI.create("http://127.0.0.1:9"), TOKEN).withPort(0);
    Instant t = Instant.now();
    primary = PrivateCluster.primary(bin, "patrolmap-replica-primary-", DB);
    OPEN.add(primary);
    standby = primary.standby("patrolmap-replica-standby-");
    OPEN.add(standby);
    TIMELINE.add("clusters (initdb, PostGIS, pg_basebackup -R, start) " + ms(t) + " ms");
    try (Database db = Database.open(standby.jdbcUrl(DB), 2)) {
      beforeMigration = db.prepareSchemaForServing(); // the primary has no schema yet
    }
    primaryServer = App.start(config.withDbUrl(primary.jdbcUrl(DB)));
    OPEN.add(primaryServer);
    primaryJdbc = DriverManager.getConnection(primary.jdbcUrl(DB));
    OPEN.add(primaryJdbc);
    standbyJdbc = DriverManager.getConnection(standby.jdbcUrl(DB));
    OPEN.add(standbyJdbc);
    // the primary server's migrations reach the standby before its server starts
    eventually(WITHIN_SECONDS, () -> standbyHas("flyway_schema_history"));
    standbyServer = App.start(config.withDbUrl(standby.jdbcUrl(DB)));
    OPEN.add(standbyServer);
  }

  @AfterAll
  static void cleanUp() {
    for (int i = OPEN.size() - 1; i >= 0; i--) {
      try {
        OPEN.get(i).close();
      } catch (Exception e) {
        // keep closing the rest: every cluster must be stopped and its directory removed
      }
    }
    System.out.println("replica-timeline " + String.join("; ", TIMELINE));
  }

  @Test
  @Order(1)
  void theStandbyIsValidatedNeverMigratedAndSaysSo() {
    assertEquals("standby: not migrated (validation failed)", beforeMigration);
    try (Database db = Database.open(standby.jdbcUrl(DB), 2)) {
      assertTrue(db.inRecovery());
      assertEquals("standby: validated, not migrated", db.prepareSchemaForServing());
      ReadOnlyReplicaException e = assertThrows(ReadOnlyReplicaException.class, db::migrate);
      assertTrue(e.getMessage().contains("against the primary"), e.getMessage());
      assertThrows(
          ReadOnlyReplicaException.class,
          () ->
              new DatasetWriter(db)
                  .write(
                      java.util.Map.of(),
                      (c, ds) -> {
                        throw new AssertionError("nothing may be written on a standby");
                      }),
          "an import against the standby");
    }
    JsonNode health = TestHttp.getJson(base(standbyServer) + "/health");
    assertEquals("replica", health.path("role").asText(), health.toString());
    assertEquals("up", health.path("database").asText());
    assertTrue(health.path("replication").path("wal_receiver").asBoolean(), health.toString());
    assertEquals(
        "primary", TestHttp.getJson(base(primaryServer) + "/health").path("role").asText());
    assertFalse(TestHttp.getJson(base(primaryServer) + "/health").has("replication"));
  }

  @Test
  @Order(1)
  void theHaproxyWriteCheckPicksThePrimarysServerOnly() throws Exception {
    java.util.regex.Pattern check = haproxyWriteCheck();
    assertTrue(check.matcher(text(TestHttp.get(base(primaryServer) + "/health"))).find());
    assertFalse(check.matcher(text(TestHttp.get(base(standbyServer) + "/health"))).find());
  }

  @Test
  @Order(2)
  void anImportIntoThePrimaryIsServedByTheStandbysServerWithinSeconds() throws Exception {
    Arrival a =
        watch(
            0,
            () -> {
              try (Database db = Database.open(primary.jdbcUrl(DB), 2)) {
                return App.newImporter(config, db, new PrintWriter(Writer.nullWriter()))
                    .run(TestServer.QA_DATE);
              }
            });
    TIMELINE.add("import 1: " + a);
    assertTrue(a.servingMs() < WITHIN_SECONDS.toMillis(), a.toString());
    Point p = pointOf(standbyServer);
    HttpResponse<byte[]> r = TestHttp.get(lookup(standbyServer, p));
    assertEquals(200, r.statusCode());
    assertEquals(
        TestHttp.json(TestHttp.get(lookup(primaryServer, p))),
        TestHttp.json(r),
        "both servers give the same answer");
  }

  @Test
  @Order(3)
  void everyWriteOnTheStandbysServerIs503ReadOnlyReplicaWithRetryAfter() {
    String b = base(standbyServer);
    List<HttpResponse<byte[]>> refused =
        List.of(
            saveFootprint(b, "replica-refused"),
            admin(b + "/admin/import", "POST", ""),
            admin(b + "/admin/corrections", "GET", null),
            admin(b + "/admin/corrections/c-0123456789abcdef/accept", "POST", "{\"note\":\"ok\"}"),
            TestHttp.post(
                b + "/api/corrections",
                "application/json",
                "{\"lon\":-90.3,\"lat\":38.7,\"problem\":\"test\"}"
                    .getBytes(StandardCharsets.UTF_8)));
    for (HttpResponse<byte[]> r : refused) {
      String what = r.request().method() + " " + r.uri().getPath() + ": " + text(r);
      assertEquals(503, r.statusCode(), what);
      JsonNode e = TestHttp.json(r);
      assertEquals("read_only_replica", e.path("type").asText(), what);
      assertTrue(e.path("title").asText().contains("read-only replica"), what);
      assertTrue(e.path("details").path("writes").asText().contains("primary"), what);
      assertEquals("30", r.headers().firstValue("Retry-After").orElse(null), what);
    }
    HttpResponse<byte[]> noToken =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(b + "/admin/import"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(401, noToken.statusCode(), "the token is checked before the role");
    assertEquals(200, TestHttp.get(b + "/api/layers/areas").statusCode(), "reads keep working");
  }

  @Test
  @Order(4)
  void theSameWriteOnThePrimaryWorksAndTheStandbysServerServesIt() throws Exception {
    HttpResponse<byte[]> saved = saveFootprint(base(primaryServer), "replica-saved");
    assertEquals(201, saved.statusCode(), text(saved));
    Instant t0 = Instant.now();
    String overlay = base(standbyServer) + "/api/footprints/replica-saved/overlay";
    eventually(WITHIN_SECONDS, () -> TestHttp.get(overlay).statusCode() == 200);
    TIMELINE.add(
        "footprint saved on the primary served by the standby's server +" + ms(t0) + " ms");
  }

  @Test
  @Order(5)
  void aSecondImportThroughThePrimarysAdminIsServedByTheStandbysServer() throws Exception {
    long before = standbyServer.datasets().current().id();
    Arrival a =
        watch(
            before,
            () -> {
              HttpResponse<byte[]> started =
                  admin(base(primaryServer) + "/admin/import", "POST", "");
              assertEquals(202, started.statusCode(), text(started));
              String status =
                  base(primaryServer) + TestHttp.json(started).path("status_url").asText();
              JsonNode job = null;
              long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
              while (System.nanoTime() < deadline) {
                job = TestHttp.json(admin(status, "GET", null));
                if (!"running".equals(job.path("state").asText())) {
                  break;
                }
                Thread.sleep(20);
              }
              assertNotNull(job);
              assertEquals("succeeded", job.path("state").asText(), job.toString());
              return job.path("dataset_id").asLong();
            });
    TIMELINE.add("import 2 (POST /admin/import on the primary): " + a);
    assertTrue(a.datasetId() > before);
    assertTrue(a.servingMs() < WITHIN_SECONDS.toMillis(), a.toString());
  }

  @Test
  @Order(6)
  void withThePrimaryStoppedTheStandbysServerKeepsAnswering() throws Exception {
    Instant t0 = Instant.now();
    primary.stopImmediately();
    Point p = pointOf(standbyServer);
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> r = TestHttp.get(lookup(standbyServer, p));
      assertEquals(200, r.statusCode(), text(r));
    }
    eventually(
        WITHIN_SECONDS,
        () ->
            !TestHttp.getJson(base(standbyServer) + "/health")
                .path("replication")
                .path("wal_receiver")
                .asBoolean(true));
    HttpResponse<byte[]> h = TestHttp.get(base(standbyServer) + "/health");
    assertEquals(200, h.statusCode(), text(h));
    JsonNode health = TestHttp.json(h);
    assertEquals("up", health.path("database").asText());
    assertEquals("replica", health.path("role").asText());
    assertEquals(
        standbyServer.datasets().current().id(), health.path("dataset").path("id").asLong());
    TIMELINE.add(
        "primary stopped: standby's server answered 20 lookups 200, /health 200 replica"
            + " wal_receiver=false after "
            + ms(t0)
            + " ms");
  }

  @Test
  @Order(7)
  void oncePromotedTheStandbysServerTakesWritesWithoutARestart() throws Exception {
    Instant t0 = Instant.now();
    standby.promote();
    String b = base(standbyServer);
    eventually(
        WITHIN_SECONDS,
        () -> "primary".equals(TestHttp.getJson(b + "/health").path("role").asText()));
    long promotedMs = ms(t0);
    assertTrue(
        haproxyWriteCheck().matcher(text(TestHttp.get(b + "/health"))).find(),
        "deploy/haproxy.cfg now sends the writes to the promoted standby's server");
    HttpResponse<byte[]> saved = saveFootprint(b, "after-promotion");
    assertEquals(201, saved.statusCode(), text(saved));
    assertEquals(200, TestHttp.get(b + "/api/footprints/after-promotion/overlay").statusCode());
    TIMELINE.add("promoted: /health role primary after " + promotedMs + " ms, footprint saved 201");
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * When a dataset import was visible as committed on the primary (t0), replayed on the standby
   * (t1) and served by the standby's server (t2).
   */
  private record Arrival(
      long datasetId, long importMs, long replayedMs, long servingMs, long primaryServingMs) {
    @Override
    public String toString() {
      return "dataset "
          + datasetId
          + " (import "
          + importMs
          + " ms) committed on the primary at t0, replayed on the standby t1 = t0+"
          + replayedMs
          + " ms, served by the standby's server t2 = t0+"
          + servingMs
          + " ms (by the primary's server t0+"
          + primaryServingMs
          + " ms)";
    }
  }

  private interface Import {
    long run() throws Exception;
  }

  /**
   * Runs {@code importer} while three watchers poll every 10 ms: the primary's and the standby's
   * current dataset (SQL) and the dataset the standby's server reports on /health, so each arrival
   * is timed on its own, whenever the import call returns.
   */
  private static Arrival watch(long before, Import importer) throws Exception {
    Duration max = Duration.ofMinutes(6);
    CompletableFuture<Instant> committed = when(() -> currentId(primaryJdbc) > before, max);
    CompletableFuture<Instant> replayed = when(() -> currentId(standbyJdbc) > before, max);
    CompletableFuture<Instant> serving = when(() -> servedBy(standbyServer) > before, max);
    CompletableFuture<Instant> primaryServing = when(() -> servedBy(primaryServer) > before, max);
    Instant start = Instant.now();
    long id = importer.run();
    long importMs = ms(start);
    Instant t0 = committed.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
    Instant t1 = replayed.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
    Instant t2 = serving.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
    Instant tp = primaryServing.get(WITHIN_SECONDS.toSeconds(), TimeUnit.SECONDS);
    assertEquals(id, currentId(standbyJdbc), "the standby replayed the committed dataset");
    return new Arrival(
        id,
        importMs,
        Duration.between(t0, t1).toMillis(),
        Duration.between(t0, t2).toMillis(),
        Duration.between(t0, tp).toMillis());
  }

  /** The dataset a server's /health says it serves (0 for none). */
  private static long servedBy(App.Running server) {
    return TestHttp.getJson(base(server) + "/health").path("dataset").path("id").asLong();
  }

  private static CompletableFuture<Instant> when(BooleanSupplier condition, Duration max) {
    CompletableFuture<Instant> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + max.toNanos();
              try {
                while (System.nanoTime() < deadline) {
                  if (condition.getAsBoolean()) {
                    f.complete(Instant.now());
                    return;
                  }
                  Thread.sleep(10);
                }
                f.completeExceptionally(new AssertionError("not reached within " + max));
              } catch (InterruptedException | RuntimeException e) {
                f.completeExceptionally(e);
              }
            },
            "replica-watch");
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** The current dataset id on one cluster, 0 when none (or the table is not replayed yet). */
  private static long currentId(Connection jdbc) {
    synchronized (jdbc) {
      try (Statement st = jdbc.createStatement();
          ResultSet rs = st.executeQuery("select dataset_id from current_dataset")) {
        return rs.next() ? rs.getLong(1) : 0;
      } catch (SQLException e) {
        return 0;
      }
    }
  }

  /** Whether the standby has replayed the creation of {@code table}. */
  private static boolean standbyHas(String table) {
    synchronized (standbyJdbc) {
      try (PreparedStatement ps =
          standbyJdbc.prepareStatement("select to_regclass(?) is not null")) {
        ps.setString(1, "public." + table);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      } catch (SQLException e) {
        return false;
      }
    }
  }

  /**
   * The body pattern of deploy/haproxy.cfg's write backend check ({@code http-check expect rstring
   * '...'}), which must match the /health of the server on the primary only.
   */
  private static java.util.regex.Pattern haproxyWriteCheck() throws java.io.IOException {
    String cfg = java.nio.file.Files.readString(config.projectDir().resolve("deploy/haproxy.cfg"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("http-check expect rstring '([^']+)'").matcher(cfg);
    assertTrue(m.find(), "deploy/haproxy.cfg has a write check");
    return java.util.regex.Pattern.compile(m.group(1));
  }

  private static HttpResponse<byte[]> saveFootprint(String base, String id) {
    return TestHttp.send(
        HttpRequest.newBuilder(URI.create(base + "/admin/footprints"))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/geo+json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"type":"Feature","properties":{"id":"%s","name":"Replica test %s"},
                     "geometry":{"type":"Polygon","coordinates":[[[-90.3,38.7],[-90.25,38.7],
                     [-90.25,38.74],[-90.3,38.7]]]}}"""
                        .replace("%s", id)))
            .build());
  }

  private static HttpResponse<byte[]> admin(String url, String method, String jsonBody) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN);
    if (jsonBody == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    }
    return TestHttp.send(b.build());
  }

  private static Point pointOf(App.Running server) {
    return server.datasets().current().areas().get("2923986").geom().getInteriorPoint();
  }

  private static String lookup(App.Running server, Point p) {
    return base(server) + "/api/lookup?lon=" + p.getX() + "&lat=" + p.getY();
  }

  private static String base(App.Running server) {
    return "http://127.0.0.1:" + server.server().port();
  }

  private static String text(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  private static long ms(Instant from) {
    return Duration.between(from, Instant.now()).toMillis();
  }

  private static void eventually(Duration max, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + max);
      }
      Thread.sleep(20);
    }
  }
}
