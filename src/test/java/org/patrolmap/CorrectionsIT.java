package org.patrolmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patrolmap.importer.Fetcher;
import org.patrolmap.importer.Importer;
import org.patrolmap.importer.Manifest;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.testing.TestConfigs;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;
import picocli.CommandLine;

/**
 * The whole correction loop on the real import and PostGIS: a correction is submitted (202, stored
 * pending), bad ones are refused with nothing stored, one address is rate-limited, an admin lists,
 * reads, accepts and rejects (each audited), {@code patrolmap corrections export --apply} writes
 * rows into a copy of {@code data/}, {@code import} loads them, and the next dataset's change feed
 * lists the change with the correction's source. A failed import keeps no changes. The original
 * facts are imported again at the end, for the other integration tests.
 */
class CorrectionsIT {
  private static final String TOKEN = "it-corrections-" + Long.toHexString(System.nanoTime());
  private static final String CHARLACK = "2913330";
  private static final String SOURCE_URL = "https://example.org/charlack/council-2025-12-minutes";
  private static App.Running server;
  private static String base;
  private static Database db;
  private static AppConfig cfg;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    TestServer.get();
    cfg = TestServer.config();
    server = App.start(TestConfigs.with(cfg, URI.create("http://127.0.0.1:9"), TOKEN).withPort(0));
    base = "http://127.0.0.1:" + server.server().port();
    db = Database.open(cfg.dbUrl(), 2);
    sql("delete from correction"); // only this test writes corrections
  }

  @AfterAll
  static void stop() {
    if (db == null) {
      return; // skipped: no database
    }
    try {
      // Serve the repository's own facts again (other ITs expect them).
      newImporter(cfg.dataDir()).run(TestServer.QA_DATE);
      TestServer.get().running().datasets().refresh();
    } finally {
      db.close();
      server.close();
    }
  }

  private static Importer newImporter(Path dataDir) {
    return new Importer(
        new DatasetWriter(db),
        new Fetcher(cfg.cacheDir(), cfg.dataMirror()),
        Manifest.read(cfg.shapefilesDir().resolve("sources.json")),
        dataDir,
        new PrintWriter(new StringWriter()),
        false);
  }

  @Test
  void aCorrectionIsReviewedExportedImportedAndListedInTheChangeFeed() throws Exception {
    // Submit: two good ones (dispatch, patrol) and one to reject.
    String dispatch =
        submit(
            """
            {"area":"AREA_ID","function":"dispatch","problem":"Dispatch is shown as unknown.",
             "proposed":"St. Louis County Police Communications answers our 911 calls.",
             "proposed_agency":"slcpd-communications","proposed_arrangement":"contract",
             "source_url":"SOURCE_URL","source_title":"Charlack Board of Aldermen minutes, December 2025",
             "effective_date":"2026-01-01","email":"clerk@charlack.example"}"""
                .replace("AREA_ID", CHARLACK)
                .replace("SOURCE_URL", SOURCE_URL));
    String patrol =
        submit(
            """
            {"area":"AREA_ID","function":"patrol","problem":"St. Ann no longer patrols Charlack.",
             "proposed_agency":"slcpd","proposed_arrangement":"contract",
             "source_url":"SOURCE_URL","effective_date":"2026-01-01"}"""
                .replace("AREA_ID", CHARLACK)
                .replace("SOURCE_URL", SOURCE_URL));
    String spam =
        submit(
            """
            {"agency":"ferguson-pd","function":"contact","problem":"Wrong number",
             "proposed":"Call 555-0100"}""");
    assertEquals(3, count("select count(*) from correction where status = 'pending'"));
    assertEquals(
        1,
        count(
            "select count(*) from correction where id = '"
                + dispatch
                + "' and dataset_id > 0 and client ~ '^[0-9a-f]{16}$' and client <> '127.0.0.1'"));

    // Bad input stores nothing.
    long stored = count("select count(*) from correction");
    for (String bad :
        List.of(
            "{\"area\":\"9999999\",\"function\":\"patrol\",\"problem\":\"x\"}",
            "{\"area\":\""
                + CHARLACK
                + "\",\"function\":\"patrol\",\"problem\":\"<img src=x onerror=alert(1)>\"}",
            "{\"area\":\""
                + CHARLACK
                + "\",\"function\":\"patrol\",\"problem\":\"x\",\"source_url\":\"javascript:alert(1)\"}",
            "{\"area\":\""
                + CHARLACK
                + "\",\"function\":\"patrol\",\"problem\":\"x\",\"extra\":true}")) {
      HttpResponse<byte[]> r = post(base + "/api/corrections", null, bad);
      assertEquals(400, r.statusCode(), bad);
    }
    assertEquals(stored, count("select count(*) from correction"));

    // Review: without the token nothing; with it list, read, accept, reject — each audited.
    assertEquals(401, TestHttp.get(base + "/admin/corrections").statusCode());
    JsonNode list = admin("GET", "/admin/corrections?status=pending&area=" + CHARLACK, null);
    assertEquals(2, list.path("corrections").size(), list::toString);
    JsonNode one = admin("GET", "/admin/corrections/" + dispatch, null);
    assertEquals("clerk@charlack.example", one.path("email").asText());
    assertEquals("slcpd-communications", one.path("proposed_agency").asText());
    JsonNode accepted =
        admin(
            "POST",
            "/admin/corrections/" + dispatch + "/accept",
            "{\"note\":\"Minutes checked.\"}");
    assertEquals("accepted", accepted.path("status").asText());
    admin("POST", "/admin/corrections/" + patrol + "/accept", "{\"note\":\"Minutes checked.\"}");
    assertEquals(
        "rejected",
        admin("POST", "/admin/corrections/" + spam + "/reject", "{\"note\":\"No source.\"}")
            .path("status")
            .asText());
    HttpResponse<byte[]> again =
        adminRaw(
            "POST", "/admin/corrections/" + dispatch + "/reject", "{\"note\":\"changed my mind\"}");
    assertEquals(409, again.statusCode());
    assertEquals(
        400, adminRaw("POST", "/admin/corrections/" + spam + "/accept", "{}").statusCode());
    assertEquals(
        1,
        count(
            "select count(*) from audit where action = 'accept_correction' and target = '"
                + dispatch
                + "' and outcome = 'accepted'"));
    assertEquals(
        1,
        count(
            "select count(*) from audit where action = 'reject_correction' and target = '"
                + spam
                + "' and outcome = 'rejected'"));
    assertEquals(
        1,
        count(
            "select count(*) from audit where action = 'reject_correction' and target = '"
                + dispatch
                + "' and outcome like 'refused%'"));
    assertTrue(
        count("select count(*) from audit where action in ('list_corrections', 'read_correction')")
            >= 2);

    // Export the accepted ones into a copy of data/ with the real CLI.
    Path project = tmp.resolve("project");
    Path data = project.resolve("data");
    Files.createDirectories(data);
    try (Stream<Path> files = Files.list(cfg.dataDir())) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve(f.getFileName()));
      }
    }
    Path out = tmp.resolve("export");
    int rc =
        new CommandLine(new App())
            .execute(
                "corrections",
                "export",
                "--out",
                out.toString(),
                "--apply",
                "--project-dir",
                project.toString(),
                "--db-url",
                cfg.dbUrl());
    assertEquals(0, rc);
    String services = Files.readString(out.resolve("services.csv"), StandardCharsets.UTF_8);
    assertTrue(
        services.contains(
            "charlack-dispatch-1,2913330,Charlack,dispatch,slcpd-communications,contract,2026-01-01,,medium,correction-"
                + dispatch.substring(2)),
        services);
    assertTrue(
        services.contains(
            "charlack-patrol-3,2913330,Charlack,patrol,st-ann-pd,contract,2018-09-12,2026-01-01,"),
        services);
    assertTrue(
        services.contains("charlack-patrol-4,2913330,Charlack,patrol,slcpd,contract,2026-01-01,"),
        services);
    assertFalse(
        Files.readString(out.resolve("sources.csv")).contains(spam.substring(2)),
        "rejected ones are not exported");
    assertTrue(Files.readString(data.resolve("sources.csv")).contains(SOURCE_URL));

    // A failed import keeps no changes.
    long changes = count("select count(*) from dataset_change");
    Path broken = tmp.resolve("broken");
    Files.createDirectories(broken);
    try (Stream<Path> files = Files.list(data)) {
      for (Path f : files.toList()) {
        Files.copy(f, broken.resolve(f.getFileName()));
      }
    }
    Files.writeString(
        broken.resolve("services.csv"),
        "charlack-dispatch-9,2913330,Charlack,dispatch,no-such-agency,contract,2027-01-01,,high,ballwin-about-us,x\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertThrows(RuntimeException.class, () -> newImporter(broken).run(TestServer.QA_DATE));
    assertEquals(changes, count("select count(*) from dataset_change"));

    // Import the merged tables: the change feed lists the change with the correction's source.
    long ds = newImporter(data).run(TestServer.QA_DATE);
    server.datasets().refresh();
    JsonNode feed = TestHttp.getJson(base + "/api/changes?area=" + CHARLACK);
    List<String> titles = new ArrayList<>();
    JsonNode added = null;
    JsonNode ended = null;
    for (JsonNode item : feed.path("items")) {
      JsonNode x = item.path("_patrolmap");
      titles.add(item.path("title").asText());
      if (x.path("dataset").asLong() != ds) {
        continue;
      }
      if (x.path("subject_id").asText().equals("charlack-dispatch-1")) {
        added = x;
      }
      if (x.path("subject_id").asText().equals("charlack-patrol-3")) {
        ended = x;
      }
    }
    assertTrue(added != null && ended != null, titles::toString);
    assertEquals("added", added.path("kind").asText());
    assertEquals("2026-01-01", added.path("effective").asText());
    assertEquals(SOURCE_URL, added.path("sources").get(0).path("url").asText());
    assertEquals("ended", ended.path("kind").asText());
    assertEquals("2026-01-01", ended.path("effective").asText());
    JsonNode byAgency = TestHttp.getJson(base + "/api/changes?agency=st-ann-pd");
    assertTrue(byAgency.path("items").findValuesAsText("subject_id").contains("charlack-patrol-3"));
    JsonNode lookup = TestHttp.getJson(base + "/api/areas/" + CHARLACK);
    assertEquals("/api/changes?area=" + CHARLACK, lookup.path("changes_url").asText());
  }

  @Test
  void oneAddressSendingTooManyCorrectionsGets429WithRetryAfter() {
    try (App.Running other = App.start(cfg.withPort(0))) {
      String url = "http://127.0.0.1:" + other.server().port() + "/api/corrections";
      long before = count("select count(*) from correction");
      String body = "{\"area\":\"" + CHARLACK + "\",\"function\":\"patrol\",\"problem\":\"flood\"}";
      int accepted = 0;
      HttpResponse<byte[]> last = null;
      for (int i = 0; i < 12; i++) {
        last = post(url, null, body);
        if (last.statusCode() == 202) {
          accepted++;
        }
      }
      assertEquals(10, accepted, "a burst of 10 per address");
      assertEquals(429, last.statusCode());
      assertTrue(Long.parseLong(last.headers().firstValue("Retry-After").orElse("0")) > 0);
      assertEquals(before + 10, count("select count(*) from correction"));
    } finally {
      sql("delete from correction where problem = 'flood'");
    }
  }

  private static String submit(String json) {
    HttpResponse<byte[]> r = post(base + "/api/corrections", null, json);
    assertEquals(202, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    return TestHttp.json(r).path("id").asText();
  }

  private static JsonNode admin(String method, String path, String body) {
    HttpResponse<byte[]> r = adminRaw(method, path, body);
    assertEquals(
        200, r.statusCode(), () -> path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    return TestHttp.json(r);
  }

  private static HttpResponse<byte[]> adminRaw(String method, String path, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return TestHttp.send(b.build());
  }

  private static HttpResponse<byte[]> post(String url, String auth, String json) {
    return TestHttp.post(url, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static long count(String query) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(query);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String statement) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      ps.execute();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
