package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.patrolmap.App;
import org.patrolmap.testing.GeocoderStub;
import org.patrolmap.testing.TestConfigs;
import org.patrolmap.testing.TestServer;

/**
 * Hostile input against every endpoint and parameter of a running server (its own instance on the
 * test database, geocoder pointed at a local stub): random bytes, huge numbers, NaN/Infinity,
 * exponent strings, unicode, SQL/JSON injection, path traversal, oversized and deeply nested
 * GeoJSON, polygons over the vertex limit, self-intersections, wrong types, odd methods. Every
 * answer must be below 500, every 4xx must be the JSON error shape, every request must end within
 * 10 s (client timeout, not a performance assertion), and /health must be 200 afterwards. Outcomes
 * are counted by status and printed as a {@code fuzz-summary} line.
 */
class HostileInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();
  private static final LongAdder REQUESTS = new LongAdder();
  private static GeocoderStub stub;
  private static App.Running server;
  private static String base;

  static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "NaN",
          "-NaN",
          "Infinity",
          "-Infinity",
          "+Infinity",
          "inf",
          "1e309",
          "-1e309",
          "1e-400",
          "4.9E-324",
          "1.7976931348623157E308",
          "9".repeat(400),
          "0x1p3",
          "0x10",
          "1_000",
          "1,5",
          "+.5",
          "-0",
          ".",
          "e5",
          "1e",
          "1e+",
          "１２",
          "٣٤.٥",
          "38.7\u0000",
          "-90.3\n",
          "\u202e-90.3",
          "😀",
          "\ud800",
          "' OR '1'='1",
          "1; DROP TABLE area; --",
          "1' UNION SELECT pg_sleep(20) --",
          "$(reboot)",
          "`id`",
          "<script>alert(1)</script>",
          "{\"$ne\":null}",
          "{\"type\":\"Polygon\"}",
          "[1,2]",
          "null",
          "true",
          "../../../../etc/passwd",
          "..%2F..%2Fetc%2Fpasswd",
          "%00",
          "%",
          "%zz",
          "\\..\\..\\windows",
          "areas/../../",
          "2024-02-30",
          "2024-13-01",
          "0000-00-00",
          "99999-01-01",
          "2024-1-1",
          "2024-01-01T00:00:00Z",
          "-90.5,38.5,-90.1",
          "1,2,3,4,5,6,7",
          "180,90,-180,-90",
          "-181,-91,181,91",
          "NaN,NaN,NaN,NaN",
          "a".repeat(5000),
          "%s%s%s%n",
          "\r\nX-Injected: 1");

  @BeforeContainer
  static void start() {
    TestServer.get(); // the test database holds the imported data (once per JVM)
    stub = new GeocoderStub();
    server = App.start(TestConfigs.with(TestServer.config(), stub.url(), null).withPort(0));
    base = "http://127.0.0.1:" + server.server().port();
  }

  @AfterContainer
  static void serverIsHealthyAfterwards() throws Exception {
    try {
      HttpResponse<byte[]> health =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).timeout(TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      System.out.println(
          "fuzz-summary requests=" + REQUESTS.sum() + " statuses=" + new TreeMap<>(snapshot()));
      assertEquals(200, health.statusCode(), () -> "health after fuzzing: " + text(health.body()));
    } finally {
      server.close();
      stub.close();
    }
  }

  // ---- properties --------------------------------------------------------------------------

  @Property(tries = 300)
  void lookupNeverAnswers5xx(
      @ForAll("lonValue") Optional<String> lon,
      @ForAll("latValue") Optional<String> lat,
      @ForAll("dateValue") Optional<String> date,
      @ForAll("extraParam") Optional<String> extra) {
    get("/api/lookup", query("lon", lon, "lat", lat, "date", date, "x", extra));
  }

  @Property(tries = 300)
  void layersNeverAnswer5xx(
      @ForAll("layerId") String id,
      @ForAll("dateValue") Optional<String> date,
      @ForAll("bboxValue") Optional<String> bbox,
      @ForAll("anyValue") Optional<String> agency,
      @ForAll("downloadValue") Optional<String> download) {
    get(
        "/api/layers/" + segment(id),
        query("date", date, "bbox", bbox, "agency", agency, "download", download));
  }

  @Property(tries = 200)
  void catalogAndFootprintIdsNeverAnswer5xx(
      @ForAll("resource") String resource,
      @ForAll("idValue") String id,
      @ForAll("dateValue") Optional<String> date,
      @ForAll("formatValue") Optional<String> format) {
    switch (resource) {
      case "areas", "agencies" -> get("/api/" + resource + "/" + segment(id), query("date", date));
      default ->
          get("/api/footprints/" + segment(id) + "/overlay", query("date", date, "format", format));
    }
  }

  @Property(tries = 100)
  void geocodeAndStaticEndpointsNeverAnswer5xx(
      @ForAll("anyValue") Optional<String> q,
      @ForAll("extraParam") Optional<String> extra,
      @ForAll("staticPath") String path) {
    get("/api/geocode", query("q", q, "limit", extra));
    get(path, query("x", extra));
  }

  @Property(tries = 250)
  void overlayBodiesNeverAnswer5xx(
      @ForAll("overlayBody") byte[] body,
      @ForAll("contentType") Optional<String> contentType,
      @ForAll("dateValue") Optional<String> date) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/overlay" + query("date", date)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    contentType.ifPresent(ct -> b.header("Content-Type", ct));
    send("POST /api/overlay", b);
  }

  @Property(tries = 250)
  void rawRequestsNeverAnswer5xx(
      @ForAll("method") String method,
      @ForAll("rawTarget") byte[] target,
      @ForAll("overlayBody") byte[] body,
      @ForAll boolean withBody)
      throws IOException {
    byte[] req = RawHttp.request(method, target, "application/json", withBody ? body : null);
    RawHttp.Response r;
    try {
      r = RawHttp.send(server.server().port(), req, (int) TIMEOUT.toMillis());
    } catch (IllegalStateException closedWithoutAnswer) {
      count("closed");
      return;
    }
    String what = method + " " + new String(target, StandardCharsets.ISO_8859_1);
    if (r.status() == 505 && splitsRequestLine(target)) {
      // Whitespace in the target leaves a request line without an HTTP version (HTTP/0.9), which
      // Jetty's parser answers 505 before any handler runs: the protocol's answer, still in our
      // JSON shape.
      count("505 (no HTTP version)");
      assertErrorShape(what, r.status(), r.headers().get("content-type"), r.body());
      return;
    }
    check(what, r.status(), r.headers().get("content-type"), r.body());
  }

  private static boolean splitsRequestLine(byte[] target) {
    if (target.length == 0) {
      return true; // "POST  HTTP/1.1": the version is read as the target
    }
    for (byte b : target) {
      if (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
        return true;
      }
    }
    return false;
  }

  // ---- examples at the limits --------------------------------------------------------------

  @Example
  void bodyOverOneMebibyteWithContentLengthAnswers413Json() {
    byte[] big = new byte[(int) Limits.MAX_BODY_BYTES + 4096];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<byte[]> r =
        send(
            "oversized body",
            HttpRequest.newBuilder(URI.create(base + "/api/overlay"))
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertEquals(413, r.statusCode());
  }

  @Example
  void chunkedBodyOverOneMebibyteAnswers413Json() {
    byte[] big = new byte[2 * (int) Limits.MAX_BODY_BYTES];
    java.util.Arrays.fill(big, (byte) '[');
    HttpResponse<byte[]> r =
        send(
            "oversized chunked body",
            HttpRequest.newBuilder(URI.create(base + "/api/overlay"))
                .header("Content-Type", "application/geo+json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    assertEquals(413, r.statusCode());
  }

  @Example
  void asteriskTargetWithAnyMethodAnswers400Json() throws IOException {
    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO")) {
      RawHttp.Response r =
          RawHttp.send(
              server.server().port(),
              RawHttp.request(method, new byte[] {'*'}, null, null),
              10_000);
      check(method + " *", r.status(), r.headers().get("content-type"), r.body());
      assertEquals(400, r.status(), method);
    }
  }

  @Example
  void deeplyNestedGeoJsonAnswers400() {
    String body =
        "{\"type\":\"Polygon\",\"coordinates\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    HttpResponse<byte[]> r = postOverlay(body);
    assertEquals(400, r.statusCode());
  }

  @Example
  void polygonJustOverTheVertexLimitAnswers400NamingTheLimit() throws IOException {
    int n = 150_000;
    StringBuilder sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i < n; i++) {
      sb.append(i % 2 == 0 ? "[0,0]," : "[1,0],");
    }
    sb.append("[0,0]]]}");
    assertTrue(sb.length() < Limits.MAX_BODY_BYTES, "the test body must stay under the body limit");
    HttpResponse<byte[]> r = postOverlay(sb.toString());
    assertEquals(400, r.statusCode());
    assertTrue(
        JSON.readTree(r.body()).path("details").path("body").asText().contains("vertices"),
        text(r.body()));
  }

  @Example
  void polygonWithFortyThousandVerticesUnderTheLimitsIsAnswered() {
    int n = 40_000;
    StringBuilder sb = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i <= n; i++) {
      double a = 2 * Math.PI * (i % n) / n;
      sb.append(
          String.format(
              Locale.ROOT, "[%.6f,%.6f]", -90.30 + 0.1 * Math.cos(a), 38.70 + 0.08 * Math.sin(a)));
      sb.append(i < n ? "," : "");
    }
    sb.append("]]}");
    HttpResponse<byte[]> r = postOverlay(sb.toString());
    assertEquals(200, r.statusCode(), () -> text(r.body()));
  }

  @Example
  void selfIntersectingPolygonAnswers400WithTheLocation() throws IOException {
    HttpResponse<byte[]> r =
        postOverlay(
            "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.8],[-90.2,38.7],[-90.3,38.8],[-90.3,38.7]]]}");
    assertEquals(400, r.statusCode());
    assertTrue(
        JSON.readTree(r.body()).path("details").path("body").asText().contains("Self-intersection"),
        text(r.body()));
  }

  // ---- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(HOSTILE)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(2, Arbitraries.strings().withChars("0123456789.eE+-,: ").ofMaxLength(30)),
        Tuple.of(
            1,
            Arbitraries.bytes()
                .array(byte[].class)
                .ofMaxSize(30)
                .map(b -> new String(b, StandardCharsets.ISO_8859_1))),
        Tuple.of(2, numberish()));
  }

  private static Arbitrary<String> numberish() {
    return Arbitraries.oneOf(
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(Double.MAX_VALUE)
            .withSpecialValue(Double.MIN_VALUE)
            .map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigDecimals().ofScale(30).map(BigDecimal::toPlainString),
        Arbitraries.integers().between(-400, 400).map(e -> "1e" + e));
  }

  private Arbitrary<Optional<String>> maybe(Arbitrary<String> valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(3, valid.map(Optional::of)),
        Tuple.of(4, hostile().map(Optional::of)));
  }

  @Provide
  Arbitrary<Optional<String>> lonValue() {
    return maybe(Arbitraries.doubles().between(-90.8, -90.1).map(String::valueOf));
  }

  @Provide
  Arbitrary<Optional<String>> latValue() {
    return maybe(Arbitraries.doubles().between(38.3, 38.95).map(String::valueOf));
  }

  @Provide
  Arbitrary<Optional<String>> dateValue() {
    return maybe(
        Arbitraries.of(
            "2010-01-01", "2016-06-01", "2020-01-01", "2026-11-22", "1800-01-01", "2200-12-31"));
  }

  @Provide
  Arbitrary<Optional<String>> bboxValue() {
    return maybe(
        Arbitraries.of(
            "-90.4,38.6,-90.2,38.8", "-180,-90,180,90", "-90.3,38.7,-90.3,38.7", "0,0,1,1"));
  }

  @Provide
  Arbitrary<Optional<String>> downloadValue() {
    return maybe(Arbitraries.of("1", "0", "true", "false"));
  }

  @Provide
  Arbitrary<Optional<String>> formatValue() {
    return maybe(Arbitraries.of("json", "csv"));
  }

  @Provide
  Arbitrary<Optional<String>> anyValue() {
    return maybe(Arbitraries.of("ncpc", "slcpd", "ferguson-pd", "110 Church St, Ferguson, MO"));
  }

  @Provide
  Arbitrary<Optional<String>> extraParam() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(1, hostile().map(Optional::of)));
  }

  @Provide
  Arbitrary<String> layerId() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "areas", "patrol", "dispatch", "contracts", "footprints", "nena-psap", "nena-police"),
        hostile());
  }

  @Provide
  Arbitrary<String> idValue() {
    return Arbitraries.oneOf(
        Arbitraries.of("2923986", "2978370", "ncpc", "slcpd", "normandy-24-1"), hostile());
  }

  @Provide
  Arbitrary<String> resource() {
    return Arbitraries.of("areas", "agencies", "footprints");
  }

  @Provide
  Arbitrary<String> staticPath() {
    return Arbitraries.of(
        "/health",
        "/api/config",
        "/api/openapi.json",
        "/api/layers",
        "/api/areas",
        "/api/agencies",
        "/api/footprints",
        "/ogc",
        "/ogc/collections",
        "/ogc/collections/areas/items",
        "/",
        "/index.html",
        "/admin/import");
  }

  @Provide
  Arbitrary<String> method() {
    return Arbitraries.of(
        "GET",
        "GET",
        "GET",
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "OPTIONS",
        "TRACE",
        "PROPFIND",
        "G\u00c9T",
        "get");
  }

  @Provide
  Arbitrary<Optional<String>> contentType() {
    return Arbitraries.of(
        Optional.empty(),
        Optional.of("application/json"),
        Optional.of("application/geo+json"),
        Optional.of("text/plain"),
        Optional.of("multipart/form-data; boundary=x"),
        Optional.of("application/x-www-form-urlencoded"),
        Optional.of("application/json; charset=utf-16"),
        Optional.of("\u00e9/\u00e9"));
  }

  /**
   * Request targets: an endpoint template with raw hostile bytes spliced into a path segment or the
   * query.
   */
  @Provide
  Arbitrary<byte[]> rawTarget() {
    Arbitrary<String> template =
        Arbitraries.of(
            "/api/lookup?lon=@&lat=38.7",
            "/api/areas/@",
            "/api/agencies/@",
            "/api/layers/@?date=2020-01-01",
            "/api/layers/areas?bbox=@",
            "/api/footprints/@/overlay",
            "/api/overlay?date=@",
            "/health@",
            "/api/geocode?q=@",
            "/@",
            "/ogc/collections/@/items?limit=@",
            "/admin/@",
            "@");
    Arbitrary<byte[]> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "..",
                    "../..",
                    "%2e%2e/%2e%2e",
                    "%00",
                    "%",
                    "%zz",
                    "%2F",
                    "%C0%AE%C0%AE",
                    "%FF%FE",
                    "//",
                    ";x=1",
                    "\\..\\",
                    "?",
                    "#",
                    "%0d%0aX: 1",
                    "\u00ff",
                    "\t",
                    " ",
                    "*",
                    "http://evil.example/")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(24),
            hostile().map(s -> s.getBytes(StandardCharsets.UTF_8)));
    return Combinators.combine(template, fragment)
        .as(
            (t, f) -> {
              byte[] tb = t.getBytes(StandardCharsets.ISO_8859_1);
              int at = t.indexOf('@');
              byte[] out = new byte[tb.length - 1 + f.length];
              System.arraycopy(tb, 0, out, 0, at);
              System.arraycopy(f, 0, out, at, f.length);
              System.arraycopy(tb, at + 1, out, at + f.length, tb.length - at - 1);
              return out;
            });
  }

  static final List<String> BODIES =
      List.of(
          "",
          "null",
          "[]",
          "\"Polygon\"",
          "{}",
          "{\"type\":\"Polygon\"}",
          "{\"type\":\"Polygon\",\"coordinates\":\"x\"}",
          "{\"type\":\"Polygon\",\"coordinates\":[]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.8]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.8],[-90.2,38.7],[-90.3,38.8],[-90.3,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[\"-90.3\",38.7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[NaN,38.7],[-90.2,38.7],[-90.2,38.8],[NaN,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[1e999,38.7],[-90.2,38.7],[-90.2,38.8],[1e999,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-900,38.7],[-90.2,38.7],[-90.2,38.8],[-900,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,1]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7,5,6,7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.7,1]]]}",
          "{\"type\":\"Point\",\"coordinates\":[-90.3,38.7]}",
          "{\"type\":\"GeometryCollection\",\"geometries\":[]}",
          "{\"type\":\"Feature\",\"geometry\":null}",
          "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Feature\",\"geometry\":{}}}",
          "{\"type\":\"FeatureCollection\",\"features\":{}}",
          "{\"type\":\"FeatureCollection\",\"features\":[1,2,3]}",
          "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-90.3,38.7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.7]]],7]}",
          "{\"type\":{\"$ne\":null},\"coordinates\":[]}",
          "{\"type\":\"Polygon\",\"type\":\"Point\",\"coordinates\":[[]]}",
          "{\"__proto__\":{\"admin\":true},\"type\":\"Polygon\"}",
          "{\"type\":\"Polygon','coordinates':1}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.7]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[12345678901234567890123456789012345678901234567890123456789012345678901234,1],[1,2],[2,2],[1,1]]]}",
          "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.7],[-90.2,38.7],[-90.2,38.8],[-90.3,38.7]],[[0,0],[1,0],[1,1],[0,0]]]}",
          "'; DROP TABLE footprint; --",
          "<?xml version=\"1.0\"?><x/>",
          "\u0000\u0001\u0002");

  @Provide
  Arbitrary<byte[]> overlayBody() {
    Arbitrary<String> literal = Arbitraries.of(BODIES);
    Arbitrary<String> mutated =
        Combinators.combine(
                Arbitraries.of(BODIES), Arbitraries.integers().between(0, 200), hostile())
            .as(
                (b, at, ins) ->
                    b.substring(0, Math.min(at, b.length()))
                        + ins
                        + b.substring(Math.min(at, b.length())));
    Arbitrary<String> truncated =
        Combinators.combine(Arbitraries.of(BODIES), Arbitraries.integers().between(0, 200))
            .as((b, at) -> b.substring(0, Math.min(at, b.length())));
    Arbitrary<String> nested =
        Arbitraries.integers()
            .between(1, 3000)
            .map(
                d ->
                    "{\"type\":\"Polygon\",\"coordinates\":"
                        + "[".repeat(d)
                        + "1"
                        + "]".repeat(d)
                        + "}");
    return Arbitraries.frequencyOf(
        Tuple.of(4, literal.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(3, mutated.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, truncated.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, nested.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000)));
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** {@code ?name=value&...} of the present values, URL-encoded; pairs are name, Optional value. */
  private static String query(Object... pairs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      String name = (String) pairs[i];
      ((Optional<?>) pairs[i + 1])
          .ifPresent(
              v -> parts.add(name + "=" + URLEncoder.encode((String) v, StandardCharsets.UTF_8)));
    }
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static HttpResponse<byte[]> postOverlay(String body) {
    return send(
        "POST /api/overlay",
        HttpRequest.newBuilder(URI.create(base + "/api/overlay"))
            .header("Content-Type", "application/geo+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<byte[]> get(String path, String query) {
    return send(
        "GET " + path + query, HttpRequest.newBuilder(URI.create(base + path + query)).GET());
  }

  private static HttpResponse<byte[]> send(String what, HttpRequest.Builder b) {
    HttpResponse<byte[]> r;
    try {
      r = CLIENT.send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError(what + " got no answer within " + TIMEOUT + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    check(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    return r;
  }

  /** Counts the outcome; fails on 5xx, and on a 4xx that is not the JSON error shape. */
  static void check(String what, int status, String contentType, byte[] body) {
    count(Integer.toString(status));
    assertTrue(status < 500, () -> what + " answered " + status + ": " + text(body));
    if (status >= 400) {
      assertErrorShape(what, status, contentType, body);
    }
  }

  static void assertErrorShape(String what, int status, String contentType, byte[] body) {
    {
      assertTrue(
          contentType != null && contentType.startsWith("application/json"),
          () ->
              what
                  + " answered "
                  + status
                  + " with Content-Type "
                  + contentType
                  + ": "
                  + text(body));
      JsonNode n;
      try {
        n = JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError(
            what + " answered " + status + " with a body that is not JSON: " + text(body), e);
      }
      assertTrue(
          n.path("title").isTextual()
              && n.path("type").isTextual()
              && n.path("details").isObject()
              && n.path("status").asInt() == status,
          () -> what + " answered " + status + " without the error shape: " + text(body));
    }
  }

  private static void count(String outcome) {
    REQUESTS.increment();
    OUTCOMES.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot() {
    Map<String, Long> m = new TreeMap<>();
    OUTCOMES.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  private static String text(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
