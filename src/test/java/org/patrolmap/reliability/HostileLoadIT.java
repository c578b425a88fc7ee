package org.patrolmap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.patrolmap.AppConfig;
import org.patrolmap.testing.TestServer;

/**
 * The hostile-load suite (issue 18): each attack class of the issue — costly overlays, slow bodies,
 * JSON amplification, layers for many dates, costly CQL2, a tile storm, whole reprojected item
 * pages — runs for a bounded window against a server in its own JVM, started as documented ({@code
 * -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}, as {@code make run}), on the real import,
 * while two clients measure lookups. For each attack: no lookup fails, lookup p99 stays under 100
 * ms, no attacker gets a 5xx other than 503 with {@code Retry-After}, the server's RSS stays under
 * its heap limit plus {@link #RSS_MARGIN_MIB} MiB, and {@code GET}/{@code HEAD /health} answer 200
 * afterwards. Bounded: about 10 s per attack, about 2 minutes in all. The figures (with the
 * server's CPU seconds and GC pauses) are printed as {@code hostile-load} lines. These thresholds
 * are the acceptance criteria, the one place a test asserts time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileLoadIT {
  static final int HEAP_MIB = 512;
  static final int RSS_MARGIN_MIB = 256;
  static final Duration WINDOW = Duration.ofSeconds(8);

  /**
   * Concurrent attackers of the GET classes: as many as the server's request threads (64), so an
   * endpoint whose work is not bounded ties them all up and the lookups queue behind them.
   */
  static final int GET_ATTACKERS = 64;

  /**
   * The lookup p99 asserted during each attack: the 100 ms. Measured with the lean client
   * of {@link LookupConnection} on the shared two-core machine (load average 10–24 from other
   * jobs), p99 stayed between 3 and 62 ms for every attack class; {@code
   * -Dpatrolmap.hostile.p99ms=…} sets another figure (e.g. for a slower CI machine).
   */
  static final double P99_LIMIT_MS =
      Double.parseDouble(System.getProperty("patrolmap.hostile.p99ms", "100"));

  private static Process server;
  private static int port;

  /** The server's GC log (unified logging, one line per pause), read after each window. */
  private static Path gcLog;

  private static String base;

  /** The client of the checks before and after the windows (the lookups measured use their own). */
  private static final HttpClient CLIENT = client();

  private static final HttpClient ATTACKER = client();
  private static final List<String> POINTS = new ArrayList<>();

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** North County, where the areas are small and many: the shapes below cross dozens of them. */
  static final double CX = -90.30;

  static final double CY = 38.72;

  @BeforeAll
  static void startServer() throws Exception {
    TestServer.get(); // the import, once per JVM
    AppConfig cfg = TestServer.config();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Path log = Files.createTempFile("patrolmap-hostile", ".log");
    gcLog = Files.createTempFile("patrolmap-hostile", ".gc.log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + HEAP_MIB + "m",
            "-XX:+UseSerialGC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Xlog:gc:file=" + gcLog,
            "-cp",
            System.getProperty("java.class.path"),
            "org.patrolmap.App",
            "serve");
    Map<String, String> env = pb.environment();
    env.put("PATROLMAP_DB_URL", cfg.dbUrl());
    env.put("PATROLMAP_PORT", Integer.toString(port));
    env.put("PATROLMAP_PROJECT_DIR", Path.of("").toAbsolutePath().toString());
    env.put("PATROLMAP_TILE_URL", "");
    env.remove("PATROLMAP_PUBLIC_URL");
    env.remove("PATROLMAP_ADMIN_TOKEN");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    server = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (get("/health").statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not up yet
      }
      assertTrue(server.isAlive(), "server exited at start; see " + log);
      Thread.sleep(250);
    }
    assertEquals(200, get("/health").statusCode(), "server did not start; see " + log);
    for (int i = 0; i < 400; i++) { // points inside the counties; warms the lookup path up too
      if (get(lookupPath(i)).statusCode() == 200) {
        POINTS.add(lookupPath(i));
      }
    }
    assertTrue(POINTS.size() > 100, "too few points inside the counties: " + POINTS.size());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void baselineWithoutAttack() throws Exception {
    measure("baseline", attacker -> {}, 0);
  }

  /** Overlays of shapes that cross many area boundaries: spikes, holes, parts. */
  @Test
  @Order(2)
  void costlyOverlaysNeitherStallLookupsNorRunPastTheirDeadline() throws Exception {
    List<byte[]> shapes = List.of(spikes(6000), holes(22), parts(22), spikes(400));
    measure(
        "costly-overlays",
        outcomes -> {
          int i = 0;
          while (!Thread.currentThread().isInterrupted()) {
            Outcome r =
                send(
                    HttpRequest.newBuilder(URI.create(base + "/api/overlay"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(shapes.get(i++ % 4)))
                        .build());
            outcomes.accept(r);
          }
        },
        12);
  }

  /** Bodies sent one byte every two seconds from many connections. */
  @Test
  @Order(3)
  void slowBodiesDoNotHoldTheThreadsLookupsNeed() throws Exception {
    measure(
        "slow-bodies",
        outcomes -> {
          while (!Thread.currentThread().isInterrupted()) {
            outcomes.accept(slowPost());
          }
        },
        80);
  }

  /** 1 MiB bodies of empty objects, the parse that used to become a 30 MB tree. */
  @Test
  @Order(4)
  void jsonAmplificationNeitherExhaustsTheHeapNorStallsLookups() throws Exception {
    byte[] body = amplification();
    measure(
        "json-amplification",
        outcomes -> {
          while (!Thread.currentThread().isInterrupted()) {
            outcomes.accept(rawPost(body));
          }
        },
        40);
  }

  /**
   * Layers, GeoPackages and NENA downloads for many distinct dates: each date is a layer never
   * built (a dissolve of the areas by provider) and a file never encoded.
   */
  @Test
  @Order(5)
  void layersForManyDatesNeitherStallLookupsNorPileUp() throws Exception {
    String[] paths = {
      "/api/layers/patrol?date=",
      "/api/layers/dispatch?f=gpkg&date=",
      "/api/nena?f=gpkg&date=",
      "/api/layers/contracts?f=csv&date=",
      "/ogc/collections/nena-police/items?limit=1&datetime="
    };
    measureGets(
        "layer-dates",
        i -> paths[i % paths.length] + java.time.LocalDate.of(1995, 1, 1).plusDays(i));
  }

  /**
   * CQL2 filters at their limits: spiky polygons (the most vertices 4,096 characters hold) in
   * S_INTERSECTS, negated so no feature short-circuits, over the layers with the most vertices.
   */
  @Test
  @Order(6)
  void expensiveCql2FiltersNeitherStallLookupsNorRunUnbounded() throws Exception {
    String[] layers = {"areas", "patrol", "dispatch", "contracts"};
    List<String> filters = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      filters.add(cql2Spikes(k));
    }
    measureGets(
        "expensive-cql2",
        i ->
            "/ogc/collections/"
                + layers[i % layers.length]
                + "/items?limit=1000&filter="
                + java.net.URLEncoder.encode(
                    filters.get(i / layers.length % filters.size()), StandardCharsets.UTF_8));
  }

  /** Vector tiles at many z/x/y over the counties (zoom 8–16), each asked once. */
  @Test
  @Order(7)
  void aTileStormNeitherStallsLookupsNorTakesTheCores() throws Exception {
    String[] layers = {"patrol", "areas", "dispatch", "contracts", "nena-psap"};
    measureGets("tile-storm", i -> tilePath(layers[i % layers.length], i));
  }

  /**
   * Whole pages of OGC items (1,000 features, the most a page holds) reprojected to another CRS,
   * from many connections: each page is a fresh reprojection and serialisation of a whole layer.
   */
  @Test
  @Order(8)
  void reprojectedItemPagesNeitherStallLookupsNorTakeTheCores() throws Exception {
    String[] layers = {"contracts", "areas", "patrol", "dispatch"};
    String[] crs = {"26996", "26915", "3857", "4269"};
    measureGets(
        "item-pages",
        i ->
            "/ogc/collections/"
                + layers[i % layers.length]
                + "/items?limit=1000&crs=http://www.opengis.net/def/crs/EPSG/0/"
                + crs[i / layers.length % crs.length]);
  }

  /** The i-th tile of the storm: zoom 8–16, a pseudo-random position over the counties. */
  static String tilePath(String layer, int i) {
    int z = 8 + (i / 5) % 9;
    double lon = -90.74 + 0.62 * (((i * 7919L) % 1000) / 1000.0);
    double lat = 38.39 + 0.50 * (((i * 104729L) % 1000) / 1000.0);
    int tiles = 1 << z;
    int x = (int) Math.floor((lon + 180) / 360 * tiles);
    double r = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * tiles);
    return "/api/tiles/" + layer + "/" + z + "/" + x + "/" + y + ".mvt";
  }

  /**
   * A CQL2 text filter within the parser's limits (4,096 characters): NOT S_INTERSECTS of a star of
   * thin spikes over North County, shifted by {@code k}.
   */
  static String cql2Spikes(int k) {
    StringBuilder b = new StringBuilder("NOT S_INTERSECTS(geometry,POLYGON((");
    int n = 80;
    double cx = CX + 0.01 * k;
    for (int i = 0; i <= 2 * n; i++) {
      double a = Math.PI * i / n;
      double r = i % 2 == 0 ? 0.15 : 0.01;
      double x = i == 2 * n ? cx + 0.15 : cx + r * Math.cos(a);
      double y = i == 2 * n ? CY : CY + r * Math.sin(a);
      if (i > 0) {
        b.append(',');
      }
      b.append(String.format(Locale.ROOT, "%.4f %.4f", x, y));
    }
    return b.append(")))").toString();
  }

  /** An attacker's GET (the attackers' own client, 15 s timeout). */
  static Outcome attackGet(String path) throws InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(15))
            .header("Accept-Encoding", "gzip")
            .build());
  }

  /**
   * Runs {@code attackers} copies of {@code attack} for {@link #WINDOW} while two clients look up
   * points, then checks the acceptance criteria and prints the figures.
   */
  /**
   * A GET attack class: {@link #GET_ATTACKERS} clients asking {@code path(i)} for i = 0, 1, 2, …
   * (shared between them) until the window ends.
   */
  private static void measureGets(String name, java.util.function.IntFunction<String> path)
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    measure(
        name,
        outcomes -> {
          while (!Thread.currentThread().isInterrupted()) {
            outcomes.accept(attackGet(path.apply(n.getAndIncrement())));
          }
        },
        GET_ATTACKERS);
  }

  private static void measure(String name, Attack attack, int attackers) throws Exception {
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
    Consumer<Outcome> record =
        r -> {
          int s = r == null ? -1 : r.status();
          String type = "";
          if (r != null && s >= 400) {
            int t = r.body().indexOf("\"type\":\"");
            type = t < 0 ? "" : " " + r.body().substring(t + 8, r.body().indexOf('"', t + 8));
          }
          outcomes.computeIfAbsent(s < 0 ? "closed" : s + type, k -> new LongAdder()).increment();
          if (r == null || s == 503) {
            pause(); // an attacker on this machine must not take the CPU the server measures
          }
          if (s >= 500 && !(s == 503 && r.retryAfter() != null)) {
            bad.add(s + " " + r.body());
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, attackers));
    for (int i = 0; i < attackers; i++) {
      pool.submit(
          () -> {
            try {
              attack.run(record);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return null;
          });
    }
    Thread.sleep(attackers == 0 ? 0 : 1_500); // let the attack take hold
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    LongAdder failed = new LongAdder();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    long rssMax = 0;
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      int seed = c;
      Thread t =
          new Thread(
              () -> {
                int i = seed * 1000;
                LookupConnection conn = new LookupConnection();
                try {
                  while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                      int status = conn.get(POINTS.get(i++ % POINTS.size()));
                      latencies.add((System.nanoTime() - t0) / 1e6);
                      if (status != 200) {
                        failed.increment();
                        failures.add(Integer.toString(status));
                      }
                    } catch (IOException e) {
                      failed.increment();
                      failures.add(e.toString());
                      conn.close();
                    }
                  }
                } finally {
                  conn.close();
                }
              });
      t.start();
      clients.add(t);
    }
    int gcLines0 = gcPauses().size();
    double serverCpu0 = cpuSeconds(server.pid());
    double testCpu0 = cpuSeconds(ProcessHandle.current().pid());
    long end = System.nanoTime() + WINDOW.toNanos();
    while (System.nanoTime() < end) {
      rssMax = Math.max(rssMax, rssKib());
      Thread.sleep(200);
    }
    double serverCpu = cpuSeconds(server.pid()) - serverCpu0;
    double testCpu = cpuSeconds(ProcessHandle.current().pid()) - testCpu0;
    List<Double> pauses = gcPauses();
    pauses = pauses.subList(Math.min(gcLines0, pauses.size()), pauses.size());
    stop.set(true);
    for (Thread t : clients) {
      t.join(10_000);
    }
    pool.shutdownNow();
    pool.awaitTermination(20, TimeUnit.SECONDS);
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double p50 = percentile(sorted, 0.50);
    double p99 = percentile(sorted, 0.99);
    double max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    Map<String, Long> attackerOutcomes = new TreeMap<>();
    outcomes.forEach((k, v) -> attackerOutcomes.put(k, v.sum()));
    int health = get("/health").statusCode();
    int head = head("/health");
    System.out.printf(
        Locale.ROOT,
        "hostile-load %s: lookups=%d failed=%d p50=%.1fms p99=%.1fms max=%.1fms"
            + " attackers=%d attacker-answers=%s rss-max=%dMiB health=%d/%d"
            + " cpu-s server=%.1f clients=%.1f gc-pauses=%d max=%.1fms sum=%.1fms in %ds%n",
        name,
        sorted.size(),
        failed.sum(),
        p50,
        p99,
        max,
        attackers,
        attackerOutcomes,
        rssMax / 1024,
        health,
        head,
        serverCpu,
        testCpu,
        pauses.size(),
        pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        pauses.stream().mapToDouble(Double::doubleValue).sum(),
        WINDOW.toSeconds());
    assertTrue(server.isAlive(), name + ": the server died");
    assertEquals(0, failed.sum(), name + ": failed lookups " + failures);
    assertTrue(sorted.size() > 20, name + ": too few lookups measured: " + sorted.size());
    assertTrue(p99 < P99_LIMIT_MS, name + ": lookup p99 " + p99 + " ms");
    assertTrue(bad.isEmpty(), name + ": 5xx without Retry-After: " + bad.peek());
    assertTrue(
        rssMax / 1024 < HEAP_MIB + RSS_MARGIN_MIB,
        name + ": RSS " + rssMax / 1024 + " MiB over heap + margin");
    assertEquals(200, health, name + ": GET /health afterwards");
    assertEquals(200, head, name + ": HEAD /health afterwards");
  }

  /**
   * The attackers run on the same two cores as the server; refused, each waits {@link #PAUSE_MS}
   * before trying again (ignoring Retry-After), so the load generator itself does not starve the
   * server. The attack still holds its concurrency the whole window.
   */
  static final long PAUSE_MS = 25;

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The measuring client: one kept-alive HTTP/1.1 connection per thread, a request written and its
   * answer read in the same thread (no selector or executor hand-offs, which on a loaded machine
   * add scheduling delays of their own to what is measured). A refused or closed connection is a
   * failed lookup; the next one reconnects.
   */
  static final class LookupConnection {
    private Socket socket;
    private java.io.BufferedInputStream in;

    /** GETs {@code path}, reads the whole answer, returns its status. */
    int get(String path) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = line();
      if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
        throw new IOException("no HTTP answer: " + status);
      }
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      if (chunked) {
        for (long n = Long.parseLong(line().trim(), 16);
            n > 0;
            n = Long.parseLong(line().trim(), 16)) {
          skip(n);
          line();
        }
        line();
      } else if (length >= 0) {
        skip(length);
      } else {
        throw new IOException("an answer without a length");
      }
      if (close) {
        close();
      }
      return Integer.parseInt(status.substring(9, 12));
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed mid-answer");
        }
        if (c != '\r') {
          b.append((char) c);
        }
      }
      return b.toString();
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long k = in.skip(n);
        if (k <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed mid-body");
          }
          k = 1;
        }
        n -= k;
      }
    }

    void close() {
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException e) {
        // closing a connection already gone
      }
      socket = null;
    }
  }

  /** The server's GC pauses so far, in ms, in order (from its {@code -Xlog:gc} file). */
  static List<Double> gcPauses() {
    List<Double> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(gcLog)) {
        if (line.contains(" Pause ") && line.endsWith("ms")) {
          String ms = line.substring(line.lastIndexOf(' ') + 1, line.length() - 2);
          out.add(Double.parseDouble(ms));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return out;
    }
    return out;
  }

  /** CPU seconds used so far by process {@code pid} (user + system), from /proc. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  interface Attack {
    void run(Consumer<Outcome> outcomes) throws InterruptedException;
  }

  /** What an attacker got: status, Retry-After (or null) and the start of the body. */
  record Outcome(int status, String retryAfter, String body) {
    static Outcome of(HttpResponse<byte[]> r) {
      String body = new String(r.body(), StandardCharsets.UTF_8);
      return new Outcome(
          r.statusCode(),
          r.headers().firstValue("Retry-After").orElse(null),
          body.substring(0, Math.min(300, body.length())));
    }

    /** Parses a raw HTTP/1.1 answer; null when there is none. */
    static Outcome raw(byte[] answer) {
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
        return null;
      }
      String retry = null;
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
          retry = line.substring(12).trim();
        }
      }
      int end = text.indexOf("\r\n\r\n");
      return new Outcome(
          Integer.parseInt(text.substring(9, 12)), retry, end < 0 ? "" : text.substring(end + 4));
    }
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty()
        ? 0
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  /** Points on a grid over the middle of the County, all inside it. */
  static String lookupPath(int i) {
    double lon = -90.45 + 0.25 * ((i * 37) % 100) / 100.0;
    double lat = 38.60 + 0.20 * ((i * 61) % 100) / 100.0;
    return String.format(Locale.ROOT, "/api/lookup?lon=%.5f&lat=%.5f", lon, lat);
  }

  static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static int head(String path) throws IOException, InterruptedException {
    return CLIENT
        .send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Sends an attacker's request; a connection the server closed counts as "closed" (null). */
  static Outcome send(HttpRequest req) throws InterruptedException {
    try {
      return Outcome.of(ATTACKER.send(req, HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A POST declaring 4 KiB and sending one byte every two seconds; returns when the server answers
   * or closes (null), or after 20 s.
   */
  static Outcome slowPost() throws InterruptedException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(2_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 4096\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end) {
        try {
          byte[] buf = new byte[4096];
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          answer.write(buf, 0, n);
          if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            break;
          }
        } catch (java.net.SocketTimeoutException e) {
          out.write(' ');
          out.flush();
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
      }
      return Outcome.raw(answer.toByteArray());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * POSTs {@code body} to /api/overlay over a plain socket (a blocking write: the sender goes as
   * fast as the server reads) and returns the answer, or null when the server closed first.
   */
  static Outcome rawPost(byte[] body) throws InterruptedException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Connection: close\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try {
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // refused before the body was read: the answer is still there to read
      }
      byte[] answer = s.getInputStream().readAllBytes();
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      return Outcome.raw(answer);
    } catch (IOException e) {
      return null;
    }
  }

  /** 1 MiB: a Feature whose properties hold 250,000 empty objects, then a small polygon. */
  static byte[] amplification() {
    StringBuilder b = new StringBuilder(1 << 20);
    b.append("{\"type\":\"Feature\",\"properties\":{\"x\":[");
    while (b.length() < (1 << 20) - 300) {
      b.append("{},");
    }
    b.append("{}]},\"geometry\":");
    b.append(ring(List.of(new double[] {CX, CY}), 0.01, 4, 0));
    b.append('}');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A star around North County: {@code n} spikes reaching 0.12° out and 0.02° in. */
  static byte[] spikes(int n) {
    StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i <= 2 * n; i++) {
      double a = Math.PI * i / n;
      double r = i % 2 == 0 ? 0.12 : 0.02;
      if (i > 0) {
        b.append(',');
      }
      position(b, i == 2 * n ? CX + 0.12 : CX + r * Math.cos(a), CY + r * Math.sin(a));
    }
    return b.append("]]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A square 0.24° wide with {@code k}×{@code k} small square holes. */
  static byte[] holes(int k) {
    StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[");
    b.append(square(CX, CY, 0.12, false));
    double step = 0.22 / k;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b.append(',')
            .append(
                square(CX - 0.11 + step * (i + 0.5), CY - 0.11 + step * (j + 0.5), step / 4, true));
      }
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code k}×{@code k} small separate squares. */
  static byte[] parts(int k) {
    StringBuilder b = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    double step = 0.24 / k;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i + j > 0) {
          b.append(',');
        }
        b.append('[')
            .append(
                square(CX - 0.12 + step * (i + 0.5), CY - 0.12 + step * (j + 0.5), step / 3, false))
            .append(']');
      }
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String square(double x, double y, double h, boolean clockwise) {
    StringBuilder b = new StringBuilder("[");
    double[][] cs = {{x - h, y - h}, {x + h, y - h}, {x + h, y + h}, {x - h, y + h}};
    for (int i = 0; i <= 4; i++) {
      double[] c = cs[clockwise ? (4 - i) % 4 : i % 4];
      if (i > 0) {
        b.append(',');
      }
      position(b, c[0], c[1]);
    }
    return b.append(']').toString();
  }

  private static String ring(List<double[]> centre, double r, int n, int unused) {
    StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    double[] c = centre.get(0);
    for (int i = 0; i <= n; i++) {
      double a = 2 * Math.PI * (i % n) / n;
      if (i > 0) {
        b.append(',');
      }
      position(b, c[0] + r * Math.cos(a), c[1] + r * Math.sin(a));
    }
    return b.append("]]}").toString();
  }

  private static void position(StringBuilder b, double x, double y) {
    b.append('[')
        .append(String.format(Locale.ROOT, "%.6f", x))
        .append(',')
        .append(String.format(Locale.ROOT, "%.6f", y))
        .append(']');
  }

  /** The server process's resident set size, in KiB (0 when unknown). */
  static long rssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
