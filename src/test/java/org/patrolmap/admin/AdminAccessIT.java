package org.patrolmap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.App;
import org.patrolmap.store.Database;
import org.patrolmap.testing.TestConfigs;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * Admin access and the read-only public surface, on a server of its own with an admin token and a
 * tile host (and on the shared test server, which has no token): token required and compared
 * safely, never logged, audit trail in the logger and the table, 404 when off, 405 for other
 * methods on public paths, CORS for GET only, CSP on the page.
 */
class AdminAccessIT {
  private static final String TOKEN = "it-admin-token-" + Long.toHexString(System.nanoTime());
  private static final String TILES = "https://{s}.tile.example.org/{z}/{x}/{y}.png";
  private static final String FEATURE =
      """
      {"type":"Feature","properties":{"id":"%s","name":"IT footprint","description":"saved by AdminAccessIT"},
       "geometry":{"type":"Polygon","coordinates":[[[-90.30,38.70],[-90.25,38.70],[-90.25,38.74],[-90.30,38.74],[-90.30,38.70]]]}}""";
  private static App.Running server;
  private static String base;
  private static Database db;

  @BeforeAll
  static void start() {
    TestServer.get();
    server =
        App.start(
            TestConfigs.withTiles(
                    TestConfigs.with(TestServer.config(), URI.create("http://127.0.0.1:9"), TOKEN),
                    TILES)
                .withPort(0));
    base = "http://127.0.0.1:" + server.server().port();
    db = Database.open(TestServer.config().dbUrl(), 2);
    sql("delete from saved_footprint where id like 'it-%'");
  }

  @AfterAll
  static void stop() {
    sql("delete from saved_footprint where id like 'it-%'"); // other tests share this database
    db.close();
    server.close();
  }

  // ---- admin ---------------------------------------------------------------------------------

  @Test
  void adminRoutesAnswer404JsonWhenNoTokenIsConfigured() {
    String off = TestServer.get().baseUrl();
    for (String path : List.of("/admin/import", "/admin/footprints")) {
      HttpResponse<byte[]> r = post(off + path, "Bearer " + TOKEN, "{}");
      assertEquals(404, r.statusCode(), path);
      assertEquals("not_found", TestHttp.json(r).path("type").asText());
      assertEquals(
          404,
          TestHttp.get(off + path).statusCode(),
          "no trace of the route for other methods either");
    }
  }

  @Test
  void missingOrWrongTokenAnswers401JsonAndChangesNothing() throws Exception {
    long auditRows = count("select count(*) from audit");
    for (String auth :
        new String[] {
          null,
          "Bearer ",
          "Bearer wrong-token-of-some-length",
          "Bearer " + TOKEN + "x",
          "Basic " + TOKEN,
          "Bearer " + TOKEN.substring(1)
        }) {
      for (String path : List.of("/admin/import", "/admin/footprints")) {
        HttpResponse<byte[]> r =
            post(base + path, auth, String.format(Locale.ROOT, FEATURE, "it-denied"));
        assertEquals(401, r.statusCode(), () -> path + " with " + auth);
        JsonNode body = TestHttp.json(r);
        assertEquals("unauthorized", body.path("type").asText());
        assertEquals(401, body.path("status").asInt());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      }
    }
    assertEquals(0, count("select count(*) from saved_footprint where id = 'it-denied'"));
    assertEquals(
        auditRows,
        count("select count(*) from audit"),
        "refused attempts go to the audit logger, not the table");
  }

  @Test
  void savedFootprintIsServedAuditedAndTheTokenNeverLogged() throws Exception {
    String id = "it-fp-" + Long.toHexString(System.nanoTime());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    HttpResponse<byte[]> saved;
    HttpResponse<byte[]> again;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      post(
          base + "/admin/footprints",
          "Bearer not-the-token-at-all",
          String.format(Locale.ROOT, FEATURE, id));
      saved =
          post(
              base + "/admin/footprints",
              "Bearer " + TOKEN,
              String.format(Locale.ROOT, FEATURE, id));
      again =
          post(
              base + "/admin/footprints",
              "Bearer " + TOKEN,
              String.format(Locale.ROOT, FEATURE, id));
    } finally {
      System.setErr(old);
    }
    assertEquals(201, saved.statusCode(), () -> new String(saved.body(), StandardCharsets.UTF_8));
    assertEquals(409, again.statusCode());
    String log = err.toString(StandardCharsets.UTF_8);
    String fp = AdminRoutes.fingerprint(TOKEN);
    assertFalse(log.contains(TOKEN), "the token must never be logged");
    assertFalse(log.contains("not-the-token-at-all"), "a wrong token must never be logged either");
    assertTrue(
        log.contains("patrolmap.audit")
            && log.contains("token=" + fp)
            && log.contains("action=save_footprint")
            && log.contains("target=" + id)
            && log.contains("who=127.0.0.1"),
        log);
    assertTrue(log.contains("admin refused") && log.contains("refused: wrong token"), log);

    assertTrue(TestHttp.getJson(base + "/api/footprints").findValuesAsText("id").contains(id));
    HttpResponse<byte[]> overlay =
        TestHttp.get(base + "/api/footprints/" + id + "/overlay?date=2020-01-01");
    assertEquals(200, overlay.statusCode());
    assertTrue(TestHttp.json(overlay).path("footprint").path("area_km2").asDouble() > 10);
    assertTrue(
        new String(TestHttp.get(base + "/api/layers/footprints").body(), StandardCharsets.UTF_8)
            .contains(id));

    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "select remote, token_fp, action, outcome, at > now() - interval '5 minutes' from audit where target = ? order by id")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
          assertEquals("127.0.0.1", rs.getString(1));
          assertEquals(fp, rs.getString(2));
          assertEquals("save_footprint", rs.getString(3));
          assertTrue(rs.getBoolean(5));
          rows.add(rs.getString(4));
        }
        assertEquals(List.of("saved", "refused: exists"), rows);
      }
    }
  }

  @Test
  void footprintWithBadIdOrGeometryAnswers400AndSavesNothing() {
    HttpResponse<byte[]> badId =
        post(
            base + "/admin/footprints",
            "Bearer " + TOKEN,
            String.format(Locale.ROOT, FEATURE, "../Bad Id"));
    assertEquals(400, badId.statusCode());
    HttpResponse<byte[]> bowTie =
        post(
            base + "/admin/footprints",
            "Bearer " + TOKEN,
            """
        {"type":"Feature","properties":{"id":"it-bowtie","name":"x"},
         "geometry":{"type":"Polygon","coordinates":[[[-90.3,38.7],[-90.2,38.8],[-90.2,38.7],[-90.3,38.8],[-90.3,38.7]]]}}""");
    assertEquals(400, bowTie.statusCode());
    assertEquals(0, count("select count(*) from saved_footprint where id = 'it-bowtie'"));
  }

  @Test
  void importIsAcceptedInTheBackgroundAndRefusedWhileOneRuns() throws Exception {
    HttpResponse<byte[]> first = post(base + "/admin/import", "Bearer " + TOKEN, "");
    HttpResponse<byte[]> second = post(base + "/admin/import", "Bearer " + TOKEN, "");
    assertEquals(202, first.statusCode(), () -> new String(first.body(), StandardCharsets.UTF_8));
    assertEquals(409, second.statusCode());
    String job = TestHttp.json(first).path("id").asText();
    assertEquals("/admin/import/" + job, first.headers().firstValue("Location").orElseThrow());
    JsonNode status = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      status =
          TestHttp.json(
              TestHttp.send(
                  HttpRequest.newBuilder(URI.create(base + "/admin/import/" + job))
                      .header("Authorization", "Bearer " + TOKEN)
                      .GET()
                      .build()));
      if (!"running".equals(status.path("state").asText())) {
        break;
      }
      Thread.sleep(250);
    }
    assertNotNull(status);
    assertEquals("succeeded", status.path("state").asText(), status.toString());
    long ds = status.path("dataset_id").asLong();
    assertEquals(
        ds,
        TestHttp.getJson(base + "/api/config").path("dataset").path("id").asLong(),
        "served right after the job");
    assertEquals(
        1,
        count(
            "select count(*) from audit where action = 'import' and target = ? and outcome = ?",
            job,
            "succeeded: dataset " + ds));
    assertEquals(401, TestHttp.get(base + "/admin/import/" + job).statusCode());
  }

  // ---- public surface ------------------------------------------------------------------------

  @Test
  void otherMethodsOnPublicPathsAnswer405Json() {
    for (String path :
        List.of(
            "/health",
            "/api/lookup?lon=-90.3&lat=38.7",
            "/api/layers/areas",
            "/api/areas/2923986",
            "/api/footprints",
            "/api/config",
            "/api/overlay")) {
      for (String method : List.of("PUT", "DELETE", "PATCH", "POST")) {
        if (path.equals("/api/overlay") && method.equals("POST")) {
          continue;
        }
        HttpResponse<byte[]> r =
            TestHttp.send(
                HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
        assertEquals(405, r.statusCode(), () -> method + " " + path);
        assertEquals("method_not_allowed", TestHttp.json(r).path("type").asText());
      }
    }
  }

  @Test
  void corsPreflightFromAnotherOriginAllowsGetAndNothingElse() {
    HttpResponse<byte[]> pre =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(base + "/api/overlay"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
    assertTrue(pre.statusCode() < 300);
    assertEquals("GET", pre.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
    assertFalse(
        pre.headers()
            .firstValue("Access-Control-Allow-Headers")
            .orElse("")
            .toLowerCase(Locale.ROOT)
            .contains("content-type"));
    HttpResponse<byte[]> admin =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(base + "/admin/import"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .build());
    assertTrue(
        admin.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
        "admin grants no origin");
    assertTrue(admin.headers().firstValue("Access-Control-Allow-Methods").isEmpty());
    HttpResponse<byte[]> get =
        TestHttp.get(base + "/api/layers", "Origin", "https://elsewhere.example");
    assertEquals("*", get.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void pageCspAllowsOnlyItsOwnScriptsAndTheConfiguredTileHost() {
    HttpResponse<byte[]> page = TestHttp.get(base + "/");
    String csp = page.headers().firstValue("Content-Security-Policy").orElse(null);
    assertNotNull(csp, "the page must carry a CSP");
    String scripts = directive(csp, "script-src");
    assertEquals("'self'", scripts);
    assertTrue(directive(csp, "img-src").contains("https://*.tile.example.org"), csp);
    assertEquals("'self'", directive(csp, "default-src"));
    assertEquals("'none'", directive(csp, "object-src"));
    assertEquals("'none'", directive(csp, "frame-ancestors"));
    List<String> hosts = new ArrayList<>();
    for (String token : csp.split("[ ;]+")) {
      if (token.startsWith("http")) {
        hosts.add(token);
      }
    }
    assertEquals(
        List.of("https://*.tile.example.org"), hosts, "no other host is allowed anywhere: " + csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertNull(
        TestHttp.get(base + "/api/config")
            .headers()
            .firstValue("Content-Security-Policy")
            .orElse(null));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String directive(String csp, String name) {
    for (String d : csp.split(";")) {
      String t = d.trim();
      if (t.startsWith(name + " ")) {
        return t.substring(name.length() + 1).trim();
      }
    }
    return "";
  }

  private static HttpResponse<byte[]> post(String url, String authorization, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/geo+json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return TestHttp.send(b.build());
  }

  private static long count(String sql, String... values) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setString(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String sql) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
