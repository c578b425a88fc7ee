package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyServer;

/**
 * Issue 18's request-level fixes over the tiny dataset, no database: HEAD routed like GET, {@code
 * Accept: ;}, {@code gzip;q=0}, CORS on {@code //admin//}, the 413 that does not wait for the body,
 * slow bodies cut by the minimum data rate, the caps of an uploaded footprint (tokens, parts,
 * holes, segment pairs), the compute pool's 503 and deadline, and the Host check.
 */
class HostileClientTest {
  private static TinyServer server;

  @BeforeAll
  static void start() {
    server = new TinyServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> head(String path) {
    return TestHttp.send(
        HttpRequest.newBuilder(URI.create(server.url(path)))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Test
  void headIsRoutedLikeGetOnEveryGetRoute() {
    for (String path :
        List.of(
            "/health",
            "/api/lookup?lon=x&lat=1",
            "/api/areas",
            "/api/areas/nowhere",
            "/api/layers/areas",
            "/ogc/collections",
            "/ogc/collections/areas/items?limit=0")) {
      HttpResponse<byte[]> get = TestHttp.get(server.url(path));
      HttpResponse<byte[]> head = head(path);
      assertEquals(get.statusCode(), head.statusCode(), "HEAD " + path);
      assertEquals(0, head.body().length, "HEAD " + path + " has no body");
      assertEquals(
          get.headers().firstValue("Content-Type"),
          head.headers().firstValue("Content-Type"),
          "HEAD " + path);
    }
    assertEquals(400, head("/api/lookup?lon=x&lat=1").statusCode());
  }

  @Test
  void anEmptyAcceptRangeIsNotAServerError() {
    for (String accept : List.of(";", ",", ";;,;", "; q=0", "/;")) {
      HttpResponse<byte[]> r = TestHttp.get(server.url("/ogc"), "Accept", accept);
      assertTrue(r.statusCode() < 500, "Accept '" + accept + "' answered " + r.statusCode());
    }
  }

  @Test
  void aBrokenEscapeInAPathParameterIsA400() throws Exception {
    for (String target : List.of("/api/layers/%?date=2020-01-01", "/api/areas/%zz", "/ogc/%4")) {
      RawHttp.Response r =
          RawHttp.send(
              server.port(),
              RawHttp.request("GET", target.getBytes(StandardCharsets.US_ASCII), null, null),
              5_000);
      assertEquals(400, r.status(), target);
    }
  }

  @Test
  void gzipWithQualityZeroIsRefused() {
    assertFalse(Responses.acceptsGzip("gzip;q=0"));
    assertFalse(Responses.acceptsGzip("gzip; q=0.0, identity"));
    assertFalse(Responses.acceptsGzip("*;q=0"));
    assertFalse(Responses.acceptsGzip("br"));
    assertFalse(Responses.acceptsGzip("gzip;q=NaN"));
    assertTrue(Responses.acceptsGzip("gzip"));
    assertTrue(Responses.acceptsGzip("br;q=1, gzip;q=0.5"));
    assertTrue(Responses.acceptsGzip("*"));
    assertFalse(Responses.acceptsGzip("*, gzip;q=0"));
    HttpResponse<byte[]> r =
        TestHttp.get(server.url("/api/layers/areas"), "Accept-Encoding", "gzip;q=0");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Encoding").isEmpty());
  }

  @Test
  void adminPathsWithDoubledSlashesGetNoCorsGrant() {
    HttpResponse<byte[]> r = TestHttp.get(server.url("//admin//import/x"));
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    assertEquals(
        "*",
        TestHttp.get(server.url("//api//areas"))
            .headers()
            .firstValue("Access-Control-Allow-Origin")
            .orElse(""));
  }

  @Test
  void aDeclaredBodyOverTheLimitIsRefusedWithoutWaitingForIt() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      s.setSoTimeout(5_000);
      long t0 = System.nanoTime();
      s.getOutputStream()
          .write(
              ("POST /api/overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 50000000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = readHead(s.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
      assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void aBodyDrippingSlowerThanTheMinimumRateIsCutWith408() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/overlay HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 4096\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      AtomicBoolean done = new AtomicBoolean();
      CountDownLatch dripped = new CountDownLatch(1);
      Thread drip =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 6 && !done.get(); i++) {
                    Thread.sleep(1_500);
                    out.write(' ');
                    out.flush();
                    dripped.countDown();
                  }
                } catch (Exception e) {
                  dripped.countDown(); // the server closed: that is the point
                }
              });
      drip.start();
      String answer = readHead(s.getInputStream());
      done.set(true);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
    }
  }

  @Test
  void footprintCapsNameTheLimit() {
    FootprintInput small = new FootprintInput(64, 1000, 2, 1, 200);
    String square = "[[0,0],[1,0],[1,1],[0,1],[0,0]]";
    String hole = "[[0.2,0.2],[0.2,0.4],[0.4,0.4],[0.2,0.2]]";
    assertProblem(
        () ->
            small.parse(
                bytes(
                    "{\"type\":\"MultiPolygon\",\"coordinates\":[["
                        + square
                        + "],["
                        + square.replace("0,", "5,").replace("1,", "6,")
                        + "],["
                        + square
                        + "]]}")),
        "max_parts");
    assertProblem(
        () ->
            small.parse(
                bytes(
                    "{\"type\":\"Polygon\",\"coordinates\":["
                        + square
                        + ","
                        + hole
                        + ","
                        + hole.replace("0.2", "0.6").replace("0.4", "0.8")
                        + "]}")),
        "max_holes");
    StringBuilder junk = new StringBuilder("{\"type\":\"Feature\",\"junk\":[");
    for (int i = 0; i < 300; i++) {
      junk.append(i == 0 ? "{}" : ",{}");
    }
    junk.append("],\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + square + "]}}");
    assertProblem(() -> small.parse(bytes(junk.toString())), "max_json_tokens");
    FootprintInput normal = new FootprintInput(64, 100_000);
    assertProblem(() -> normal.parse(star(1500)), "max_segment_pairs");
    Geometry ok = normal.parse(star(50));
    assertEquals(101, ok.getNumPoints());
  }

  @Test
  void aBusyPoolAnswers503WithRetryAfterAndADeadlineStopsTheWork() throws Exception {
    ComputePool pool = new ComputePool("test", 1, 1, Duration.ofMillis(300));
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Thread holder =
        new Thread(
            () -> {
              try {
                pool.run(
                    () -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        interrupted.set(true);
                      }
                      return 1;
                    });
              } catch (ApiError e) {
                assertEquals("deadline_exceeded", e.type());
                assertEquals(503, e.status());
                assertTrue(e.retryAfterSeconds() > 0);
              }
            });
    holder.start();
    Thread.sleep(100);
    Thread queued = new Thread(() -> catchAll(() -> pool.run(() -> 2)));
    queued.start();
    Thread.sleep(50);
    ApiError full =
        org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> pool.run(() -> 3));
    assertEquals(503, full.status());
    assertEquals("overloaded", full.type());
    assertTrue(full.retryAfterSeconds() > 0);
    holder.join(5_000);
    for (int i = 0; i < 100 && !interrupted.get(); i++) {
      Thread.sleep(20); // the worker sees its interrupt a moment after the caller gave up
    }
    assertTrue(interrupted.get(), "the worker was interrupted at the deadline");
    queued.join(5_000);
    assertEquals(4, (int) pool.run(() -> 4));
  }

  @Test
  void lanesShareTheWorkersButEachRefusesOnItsOwnBound() throws Exception {
    ComputePool overlays = new ComputePool("overlay", 1, 0, Duration.ofSeconds(5));
    ComputePool tiles = overlays.lane("tiles", 1, Duration.ofMillis(300));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                catchAll(
                    () ->
                        overlays.run(
                            () -> {
                              started.countDown();
                              release.await();
                              return 1;
                            })));
    holder.start();
    assertTrue(started.await(5, TimeUnit.SECONDS));
    // the overlay lane is full (one worker, no queue): refused at once
    ApiError full =
        org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> overlays.run(() -> 2));
    assertEquals("overloaded", full.type());
    // the tile lane admits its worker's share plus its queue (two), both wait: the worker is held
    List<AtomicReference<String>> outcomes =
        List.of(new AtomicReference<>(), new AtomicReference<>());
    List<Thread> waiting =
        inThreads(
            outcomes,
            () -> {
              tiles.run(() -> 3);
              return "ran";
            });
    Thread.sleep(100);
    ApiError third =
        org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> tiles.run(() -> 4));
    assertEquals("overloaded", third.type());
    for (Thread t : waiting) {
      t.join(5_000);
    }
    for (AtomicReference<String> outcome : outcomes) {
      assertEquals("503 deadline_exceeded 2", outcome.get());
    }
    // the cancelled tile tasks never ran and gave their places back
    release.countDown();
    holder.join(5_000);
    assertEquals(5, (int) tiles.run(() -> 5));
    assertEquals(6, (int) tiles.run(() -> 6));
    assertEquals(7, (int) overlays.run(() -> 7));
  }

  /**
   * Runs {@code call} once per outcome, each in its own started thread, recording its result or the
   * refusal as "status type retry-after".
   */
  private static List<Thread> inThreads(
      List<AtomicReference<String>> outcomes, java.util.function.Supplier<String> call) {
    List<Thread> threads = new java.util.ArrayList<>();
    for (AtomicReference<String> outcome : outcomes) {
      Thread t =
          new Thread(
              () -> {
                try {
                  outcome.set(call.get());
                } catch (ApiError e) {
                  outcome.set(e.status() + " " + e.type() + " " + e.retryAfterSeconds());
                }
              });
      t.start();
      threads.add(t);
    }
    return threads;
  }

  @Test
  void waitingForAnotherRequestsResultIsBoundedInCountAndTime() throws Exception {
    ComputePool layers = new ComputePool("layers", 1, 1, Duration.ofMillis(300));
    java.util.concurrent.CompletableFuture<Integer> flight =
        new java.util.concurrent.CompletableFuture<>();
    List<AtomicReference<String>> outcomes =
        List.of(new AtomicReference<>(), new AtomicReference<>());
    List<Thread> waiting = inThreads(outcomes, () -> "got " + layers.await(flight));
    Thread.sleep(100);
    ApiError third =
        org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> layers.await(flight));
    assertEquals("overloaded", third.type());
    for (Thread t : waiting) {
      t.join(5_000);
    }
    for (AtomicReference<String> outcome : outcomes) {
      assertEquals("503 deadline_exceeded 2", outcome.get());
    }
    flight.complete(8); // a finished result is handed out without waiting
    assertEquals(8, (int) layers.await(flight));
    assertEquals(8, (int) layers.await(flight));
    assertEquals(8, (int) layers.await(flight));
  }

  @Test
  void hostMustBeThePublicOneWhenConfigured() {
    HostCheck check = new HostCheck("https://patrolmap.example.org");
    assertTrue(check.allowed("patrolmap.example.org"));
    assertTrue(check.allowed("patrolmap.example.org:443"));
    assertTrue(check.allowed("localhost:7070"));
    assertTrue(check.allowed("127.0.0.1"));
    assertFalse(check.allowed("evil.example.com"));
    assertFalse(check.allowed("patrolmap.example.org:8080"));
    assertFalse(check.allowed("patrolmap.example.org.evil.com"));
    HostCheck port = new HostCheck("http://maps.example.org:8080");
    assertTrue(port.allowed("maps.example.org:8080"));
    assertFalse(port.allowed("maps.example.org"));
  }

  private static void catchAll(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // the outcome of the queued task does not matter here
    }
  }

  private static void assertProblem(Runnable r, String limit) {
    InvalidValueException e =
        org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class, r::run);
    assertTrue(e.problem().contains(limit), e.problem());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A star of {@code n} thin spikes: its segment pairs grow with n². */
  private static byte[] star(int n) {
    StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i <= 2 * n; i++) {
      double a = Math.PI * (i % (2 * n)) / n;
      double r = i % 2 == 0 ? 0.12 : 0.02;
      b.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT, "[%.6f,%.6f]", -90.3 + r * Math.cos(a), 38.7 + r * Math.sin(a)));
    }
    return bytes(b.append("]]}").toString());
  }

  private static String readHead(InputStream in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      if (sb.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    return sb.toString();
  }
}
