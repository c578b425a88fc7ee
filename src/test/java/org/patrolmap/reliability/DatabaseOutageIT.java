package org.patrolmap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.importer.Fetcher;
import org.patrolmap.importer.Importer;
import org.patrolmap.importer.Manifest;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.testing.TestConfigs;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * A database outage under load, against a PostgreSQL cluster of the test's own (never the shared
 * one): while lookups and layer downloads run, PostgreSQL is killed ({@code pg_ctl stop -m
 * immediate}) and started again. Lookups and layers keep answering 200 from memory, /health says
 * 503 "database down" with Retry-After, an endpoint that needs the database (saving a footprint)
 * answers 503 with Retry-After, nothing answers 500; after the restart /health is 200 again without
 * restarting the server, and no thread or connection is leaked. Prints the timeline.
 */
class DatabaseOutageIT {
  private static final String TOKEN = "outage-admin-token-0123456789";

  @Test
  void outageAnswers503WithRetryAfterKeepsLookupsUpAndRecoversWithoutRestart() throws Exception {
    Path bin = PrivateCluster.findBin();
    TestServer.requireOrSkip(
        bin != null, "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql");
    AppConfig shared = TestServer.config();
    try (PrivateCluster pg = PrivateCluster.start(bin, "patrolmap_outage")) {
      AppConfig cfg =
          TestConfigs.with(shared, URI.create("http://127.0.0.1:9"), TOKEN)
              .withDbUrl(pg.jdbcUrl("patrolmap_outage"));
      try (Database db = Database.open(cfg.dbUrl(), 2)) {
        db.migrate();
        new Importer(
                new DatasetWriter(db),
                new Fetcher(cfg.cacheDir(), cfg.dataMirror()),
                Manifest.read(cfg.shapefilesDir().resolve("sources.json")),
                cfg.dataDir(),
                new PrintWriter(new StringWriter()),
                false)
            .run(TestServer.QA_DATE);
      }
      try (App.Running server = App.start(cfg.withPort(0))) {
        run(pg, server);
      }
    }
  }

  private void run(PrivateCluster pg, App.Running server) throws Exception {
    String base = "http://127.0.0.1:" + server.server().port();
    Point p = server.datasets().current().areas().get("2923986").geom().getInteriorPoint();
    List<String> urls =
        List.of(
            base + "/api/lookup?lon=" + p.getX() + "&lat=" + p.getY(),
            base + "/api/layers/areas",
            base + "/api/lookup?lon=" + p.getX() + "&lat=" + p.getY() + "&date=2016-06-01",
            base + "/api/layers/patrol?date=2020-01-01",
            base + "/api/footprints/normandy-24-1/overlay",
            base + "/api/agencies/ncpc");
    Map<Integer, LongAdder> loadStatuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> loadProblems = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int offset = t;
      Thread w =
          new Thread(
              () -> {
                int i = offset;
                while (!stop.get()) {
                  String url = urls.get(i++ % urls.size());
                  try {
                    int s = TestHttp.get(url).statusCode();
                    loadStatuses.computeIfAbsent(s, k -> new LongAdder()).increment();
                    if (s != 200) {
                      loadProblems.add(url + " answered " + s);
                    }
                  } catch (RuntimeException e) {
                    loadProblems.add(url + " failed: " + e);
                  }
                }
              },
              "outage-load-" + t);
      w.start();
      load.add(w);
    }
    Map<String, Object> timeline = new java.util.LinkedHashMap<>();
    try {
      Thread.sleep(1_000); // warm: layers cached, pool filled
      assertEquals(200, TestHttp.get(base + "/health").statusCode());
      int threadsBefore = Thread.activeCount();
      int ownedBefore = ownedThreads();
      int poolBefore = server.db().totalConnections();

      Instant stopped = Instant.now();
      pg.stopImmediately();
      timeline.put("stop", stopped);
      HttpResponse<byte[]> down = await(Duration.ofSeconds(60), base + "/health", 503);
      timeline.put("first_503", Instant.now());
      assertEquals("down", TestHttp.json(down).path("database").asText());
      assertTrue(
          down.headers().firstValue("Retry-After").isPresent(), "Retry-After on 503 /health");

      HttpResponse<byte[]> save =
          TestHttp.send(
              HttpRequest.newBuilder(URI.create(base + "/admin/footprints"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/geo+json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          """
              {"type":"Feature","properties":{"id":"outage-fp","name":"during the outage"},
               "geometry":{"type":"Polygon","coordinates":[[[-90.3,38.7],[-90.25,38.7],[-90.25,38.74],[-90.3,38.7]]]}}"""))
                  .build());
      assertEquals(
          503,
          save.statusCode(),
          () -> new String(save.body(), java.nio.charset.StandardCharsets.UTF_8));
      assertEquals("database_unavailable", TestHttp.json(save).path("type").asText());
      assertTrue(
          save.headers().firstValue("Retry-After").isPresent(),
          "Retry-After on 503 from a database endpoint");
      Thread.sleep(1_000); // the load keeps running against the dead database

      pg.startServer();
      timeline.put("restart", Instant.now());
      HttpResponse<byte[]> up = await(Duration.ofSeconds(60), base + "/health", 200);
      timeline.put("first_200", Instant.now());
      assertEquals("up", TestHttp.json(up).path("database").asText());
      Thread.sleep(500);
      stop.set(true);
      for (Thread w : load) {
        w.join();
      }

      eventually(Duration.ofSeconds(15), () -> server.db().activeConnections() == 0);
      eventually(Duration.ofSeconds(15), () -> ownedThreads() <= ownedBefore);
      int poolAfter = server.db().totalConnections();
      int backends = backends(pg);
      Map<Integer, Long> statuses = new TreeMap<>();
      loadStatuses.forEach((k, v) -> statuses.put(k, v.sum()));
      System.out.println(
          "outage-timeline stop="
              + stopped
              + " first_503=+"
              + ms(stopped, timeline.get("first_503"))
              + "ms restart=+"
              + ms(stopped, timeline.get("restart"))
              + "ms first_200=+"
              + ms(stopped, timeline.get("first_200"))
              + "ms load_statuses="
              + statuses
              + " threads before/after="
              + threadsBefore
              + "/"
              + Thread.activeCount()
              + " server-owned non-pool threads before/after="
              + ownedBefore
              + "/"
              + ownedThreads()
              + " hikari total before/after="
              + poolBefore
              + "/"
              + poolAfter
              + " backends after="
              + backends);
      assertTrue(
          loadProblems.isEmpty(),
          () -> "lookups/layers must keep answering 200 from memory: " + loadProblems);
      int max = 2 * Runtime.getRuntime().availableProcessors();
      assertTrue(
          poolAfter <= max, "hikari connections " + poolAfter + " within the pool size " + max);
      assertTrue(backends <= max + 1, "server backends on the cluster after recovery: " + backends);
    } finally {
      stop.set(true);
      for (Thread w : load) {
        w.join();
      }
    }
  }

  /**
   * Threads the server owns apart from Jetty's elastic request pool ("http-*") and HTTP client
   * threads.
   */
  private static int ownedThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(
                n ->
                    !n.startsWith("http-")
                        && !n.startsWith("HttpClient")
                        && !n.startsWith("outage-load")
                        && !n.startsWith("ForkJoinPool"))
            .count();
  }

  private static int backends(PrivateCluster pg) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"));
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from pg_stat_activity where application_name = 'patrolmap'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static HttpResponse<byte[]> await(Duration max, String url, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    HttpResponse<byte[]> r = null;
    while (System.nanoTime() < deadline) {
      r = TestHttp.get(url);
      assertTrue(
          r.statusCode() < 500 || r.statusCode() == 503, "health answered " + r.statusCode());
      if (r.statusCode() == status) {
        return r;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        url
            + " did not answer "
            + status
            + " within "
            + max
            + "; last "
            + (r == null ? "none" : r.statusCode()));
  }

  private static void eventually(Duration max, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + max);
      }
      Thread.sleep(100);
    }
  }

  private static long ms(Instant from, Object to) {
    return Duration.between(from, (Instant) to).toMillis();
  }
}
