package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.AppConfig;
import org.patrolmap.http.HttpServer;
import org.patrolmap.http.RateLimiter;
import org.patrolmap.http.SecurityHeaders;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.Change;
import org.patrolmap.model.ChangeLog;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionStore;
import org.patrolmap.model.DatabaseRole;
import org.patrolmap.model.Source;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * {@code POST /api/corrections}, {@code GET /api/changes} and {@code GET /api/quality} on the real
 * HTTP server over the tiny dataset, with an in-memory correction store and change log (fakes, no
 * database): what is accepted, every class of bad input refused with the field named and nothing
 * stored, the honeypot, the rate limit.
 */
class FeedbackApiTest {
  private static final List<Correction> STORED = new ArrayList<>();
  private static HttpServer server;
  private static String base;

  /** A store that keeps submissions in a list. */
  private static final CorrectionStore STORE =
      new CorrectionStore() {
        @Override
        public synchronized Correction submit(
            Correction.Submission s, Double lon, Double lat, long datasetId, String client) {
          Correction c =
              new Correction(
                  "c-" + String.format(java.util.Locale.ROOT, "%016x", STORED.size() + 1),
                  Instant.now(),
                  "pending",
                  s,
                  lon,
                  lat,
                  datasetId,
                  null,
                  null,
                  null);
          STORED.add(c);
          return c;
        }

        @Override
        public List<Correction> list(Filter filter) {
          return List.copyOf(STORED);
        }

        @Override
        public Optional<Correction> get(String id) {
          return Optional.empty();
        }

        @Override
        public Optional<Reviewed> review(String id, boolean accept, String note, AuditEntry a) {
          return Optional.empty();
        }
      };

  /** A change log of three changes, newest (highest id) first, filtered as the store would. */
  private static final ChangeLog LOG =
      q -> {
        List<Change> all = new ArrayList<>();
        for (long id = 3; id >= 1; id--) {
          all.add(
              new Change(
                  id,
                  43,
                  42,
                  Instant.parse("2024-05-01T12:00:00Z"),
                  "service",
                  "added",
                  "birchfield-dispatch-" + id,
                  id == 2 ? TinyDataset.DUNMORE : TinyDataset.BIRCHFIELD,
                  "Birchfield",
                  List.of(TinyDataset.COUNTY_COMMS),
                  "dispatch",
                  LocalDate.of(2024, 2, 1),
                  "Dispatch of Birchfield by <Tiny> & Co now recorded",
                  Map.of(),
                  List.of(
                      new Source(
                          "s", "Minutes", "Board", "https://county.example/m", "2024", null))));
        }
        return all.stream()
            .filter(c -> q.areaId() == null || q.areaId().equals(c.areaId()))
            .filter(c -> q.before() == null || c.id() < q.before())
            .limit(q.limit() + 1)
            .toList();
      };

  @BeforeAll
  static void start() {
    AppConfig cfg = TinyServer.config();
    server =
        new HttpServer(
                cfg,
                new SecurityHeaders(null),
                List.of(
                    new FeedbackRoutes(
                        cfg,
                        new TinyDataset(),
                        STORE,
                        LOG,
                        new RateLimiter(1000, Duration.ofSeconds(1), 100),
                        () -> TinyServer.TODAY,
                        DatabaseRole.ALWAYS_PRIMARY)))
            .start(0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpResponse<byte[]> post(String json) {
    return TestHttp.post(
        base + "/api/corrections", "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static final String GOOD =
      """
      {"area":"AREA_ID","function":"dispatch","problem":"Dispatch is shown as unknown.",
       "proposed":"Tiny County Police Communications since February","proposed_agency":"tiny-county-comms",
       "proposed_arrangement":"contract","source_url":"https://county.example/minutes/2024-01",
       "effective_date":"2024-02-01","email":"clerk@birchfield.example"}"""
          .replace("AREA_ID", TinyDataset.BIRCHFIELD);

  @Test
  void aValidCorrectionIsStoredPendingAndAnswered202WithAReceipt() {
    int before = STORED.size();
    HttpResponse<byte[]> r = post(GOOD);
    assertEquals(202, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    JsonNode body = TestHttp.json(r);
    assertTrue(body.path("id").asText().matches("c-[0-9a-f]{16}"));
    assertEquals("pending", body.path("status").asText());
    assertTrue(body.path("next").asText().contains("Nothing on the map changes"));
    assertEquals(before + 1, STORED.size());
    Correction.Submission s = STORED.get(STORED.size() - 1).submission();
    assertEquals(TinyDataset.BIRCHFIELD, s.areaId());
    assertEquals(LocalDate.of(2024, 2, 1), s.effectiveDate());
    assertEquals("tiny-county-comms", s.proposedAgencyId());
  }

  @Test
  void aPointFindsItsArea() {
    int before = STORED.size();
    HttpResponse<byte[]> r =
        post(
            """
            {"lon":-90.31,"lat":38.705,"function":"patrol","problem":"The department was disbanded."}""");
    assertEquals(202, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    assertEquals(TinyDataset.ALDERBROOK, STORED.get(before).submission().areaId());
  }

  @Test
  void eachClassOfBadInputIsA4xxNamingTheFieldAndStoresNothing() {
    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put("not json", new String[] {"{\"area\":", "body"});
    cases.put("array", new String[] {"[1,2]", "body"});
    cases.put(
        "unknown field",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"admin\":1}", "unknown"
        });
    cases.put(
        "nested value",
        new String[] {"{\"area\":{\"id\":1},\"function\":\"patrol\",\"problem\":\"x\"}", "area"});
    cases.put(
        "missing problem",
        new String[] {"{\"area\":\"2999002\",\"function\":\"patrol\"}", "problem"});
    cases.put(
        "bad function",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"fire\",\"problem\":\"x\"}", "function"
        });
    cases.put(
        "no area nor agency", new String[] {"{\"function\":\"patrol\",\"problem\":\"x\"}", "area"});
    cases.put(
        "unknown area",
        new String[] {"{\"area\":\"2999999\",\"function\":\"patrol\",\"problem\":\"x\"}", "area"});
    cases.put(
        "unknown agency",
        new String[] {
          "{\"agency\":\"no-such-pd\",\"function\":\"contact\",\"problem\":\"x\"}", "agency"
        });
    cases.put(
        "script in text",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"<script>alert(1)</script>\"}",
          "problem"
        });
    cases.put(
        "javascript url",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"source_url\":\"javascript:alert(1)\"}",
          "source_url"
        });
    cases.put(
        "data url",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"source_url\":\"data:text/html,hi\"}",
          "source_url"
        });
    cases.put(
        "provider without source",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"proposed_agency\":\"tiny-county-pd\"}",
          "source_url"
        });
    cases.put(
        "too long",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"" + "x".repeat(2001) + "\"}",
          "problem"
        });
    cases.put(
        "control character",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"source_title\":\"a\\u0000b\"}",
          "source_title"
        });
    cases.put(
        "bad date",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"effective_date\":\"2024-02-30\"}",
          "effective_date"
        });
    cases.put(
        "bad email",
        new String[] {
          "{\"area\":\"2999002\",\"function\":\"patrol\",\"problem\":\"x\",\"email\":\"not an address\"}",
          "email"
        });
    cases.put(
        "point outside",
        new String[] {
          "{\"lon\":-80,\"lat\":38.7,\"function\":\"patrol\",\"problem\":\"x\"}", "lon"
        });
    cases.put(
        "injection id",
        new String[] {
          "{\"area\":\"1' or '1'='1\",\"function\":\"patrol\",\"problem\":\"x\"}", "area"
        });
    int before = STORED.size();
    for (Map.Entry<String, String[]> e : cases.entrySet()) {
      HttpResponse<byte[]> r = post(e.getValue()[0]);
      String text = new String(r.body(), StandardCharsets.UTF_8);
      assertEquals(400, r.statusCode(), () -> e.getKey() + ": " + text);
      JsonNode body = TestHttp.json(r);
      assertTrue(
          body.path("details").has(e.getValue()[1]),
          () -> e.getKey() + " should name " + e.getValue()[1] + ": " + text);
    }
    assertEquals(before, STORED.size(), "nothing stored");
  }

  @Test
  void oversizedBodyIs413AndAnotherContentTypeIs415() {
    int before = STORED.size();
    String big = "{\"problem\":\"" + "x".repeat(CorrectionsHandler.MAX_BODY_BYTES) + "\"}";
    assertEquals(413, post(big).statusCode());
    HttpResponse<byte[]> form =
        TestHttp.post(
            base + "/api/corrections",
            "application/x-www-form-urlencoded",
            "area=2999002".getBytes(StandardCharsets.UTF_8));
    assertEquals(415, form.statusCode());
    assertEquals(before, STORED.size());
  }

  @Test
  void theHoneypotIsAnswered202ButNothingIsStored() {
    int before = STORED.size();
    HttpResponse<byte[]> r =
        post(GOOD.replace("\"email\"", "\"website\":\"http://spam.example\",\"email\""));
    assertEquals(202, r.statusCode());
    assertEquals(before, STORED.size());
  }

  @Test
  void aFloodFromOneAddressIs429WithRetryAfter() {
    AppConfig cfg = TinyServer.config();
    HttpServer limited =
        new HttpServer(
                cfg,
                new SecurityHeaders(null),
                List.of(
                    new FeedbackRoutes(
                        cfg,
                        new TinyDataset(),
                        STORE,
                        LOG,
                        new RateLimiter(3, Duration.ofHours(1), 100),
                        () -> TinyServer.TODAY,
                        DatabaseRole.ALWAYS_PRIMARY)))
            .start(0);
    try {
      String url = "http://127.0.0.1:" + limited.port() + "/api/corrections";
      for (int i = 0; i < 3; i++) {
        assertEquals(
            202,
            TestHttp.post(url, "application/json", GOOD.getBytes(StandardCharsets.UTF_8))
                .statusCode());
      }
      int before = STORED.size();
      HttpResponse<byte[]> r =
          TestHttp.post(url, "application/json", GOOD.getBytes(StandardCharsets.UTF_8));
      assertEquals(429, r.statusCode());
      assertEquals("too_many_requests", TestHttp.json(r).path("type").asText());
      long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
      assertEquals(1200, retry, 2, "one correction every 20 minutes after a burst of 3 per hour");
      assertEquals(before, STORED.size());
    } finally {
      limited.stop();
    }
  }

  @Test
  void onAReadOnlyReplicaACorrectionIs503ReadOnlyReplicaAndNothingIsStored() {
    AppConfig cfg = TinyServer.config();
    DatabaseRole replica =
        () ->
            new DatabaseRole.Status(
                DatabaseRole.Role.REPLICA, Instant.parse("2026-12-01T12:00:00Z"), 0.0, true);
    HttpServer onReplica =
        new HttpServer(
                cfg,
                new SecurityHeaders(null),
                List.of(
                    new FeedbackRoutes(
                        cfg,
                        new TinyDataset(),
                        STORE,
                        LOG,
                        new RateLimiter(3, Duration.ofHours(1), 100),
                        () -> TinyServer.TODAY,
                        replica)))
            .start(0);
    try {
      String url = "http://127.0.0.1:" + onReplica.port();
      int before = STORED.size();
      for (int i = 0; i < 5; i++) { // more than the allowance: refused before it is spent
        HttpResponse<byte[]> r =
            TestHttp.post(
                url + "/api/corrections",
                "application/json",
                GOOD.getBytes(StandardCharsets.UTF_8));
        assertEquals(503, r.statusCode());
        assertEquals("read_only_replica", TestHttp.json(r).path("type").asText());
        assertEquals("replica", TestHttp.json(r).path("details").path("role").asText());
        assertEquals("30", r.headers().firstValue("Retry-After").orElse(null));
      }
      assertEquals(before, STORED.size());
      assertEquals(200, TestHttp.get(url + "/api/changes").statusCode(), "reads still served");
    } finally {
      onReplica.stop();
    }
  }

  @Test
  void changesAreAJsonFeedNewestFirstPagedAndFiltered() {
    JsonNode feed = TestHttp.getJson(base + "/api/changes?limit=2");
    assertEquals("https://jsonfeed.org/version/1.1", feed.path("version").asText());
    assertEquals(2, feed.path("items").size());
    assertEquals(3, feed.path("items").get(0).path("_patrolmap").path("change").asLong());
    assertEquals(base + "/api/changes?limit=2&before=2", feed.path("next_url").asText());
    JsonNode next = TestHttp.getJson(feed.path("next_url").asText());
    assertEquals(1, next.path("items").size());
    assertFalse(next.has("next_url"));
    JsonNode dunmore = TestHttp.getJson(base + "/api/changes?area=" + TinyDataset.DUNMORE);
    assertEquals(1, dunmore.path("items").size());
    JsonNode item = dunmore.path("items").get(0);
    assertEquals("2024-02-01", item.path("_patrolmap").path("effective").asText());
    assertEquals(
        "https://county.example/m",
        item.path("_patrolmap").path("sources").get(0).path("url").asText());
    assertTrue(item.path("content_text").asText().contains("Effective 2024-02-01"));
  }

  @Test
  void changesAsAtomEscapeTextAndBadParametersAre400() throws Exception {
    HttpResponse<byte[]> r = TestHttp.get(base + "/api/changes?format=atom");
    assertEquals(200, r.statusCode());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
    String xml = new String(r.body(), StandardCharsets.UTF_8);
    assertTrue(xml.contains("&lt;Tiny&gt; &amp; Co"), xml);
    javax.xml.parsers.DocumentBuilderFactory f =
        javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    org.w3c.dom.Document doc =
        f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(r.body()));
    assertEquals("feed", doc.getDocumentElement().getLocalName());
    assertEquals(3, doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength());
    HttpResponse<byte[]> accept =
        TestHttp.get(base + "/api/changes", "Accept", "application/atom+xml");
    assertTrue(
        accept.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
    for (String q :
        List.of(
            "limit=0",
            "limit=201",
            "limit=x",
            "before=-1",
            "area=%3Cb%3E",
            "format=rss",
            "page=2")) {
      HttpResponse<byte[]> bad = TestHttp.get(base + "/api/changes?" + q);
      assertEquals(400, bad.statusCode(), q);
    }
  }

  @Test
  void qualityCountsCitedByRuleAndUnknownWithSuggestLinks() {
    JsonNode q = TestHttp.getJson(base + "/api/quality?date=2024-05-01");
    assertEquals(5, q.path("areas").asInt());
    JsonNode patrol = q.path("coverage").path("patrol");
    assertEquals(4, patrol.path("cited").asInt());
    assertEquals(1, patrol.path("by_rule").asInt());
    assertEquals(0, patrol.path("unknown").asInt());
    JsonNode dispatch = q.path("coverage").path("dispatch");
    assertEquals(3, dispatch.path("cited").asInt());
    assertEquals(1, dispatch.path("by_rule").asInt());
    assertEquals(1, dispatch.path("unknown").asInt());
    JsonNode unknown = q.path("unknown_areas").path("dispatch").get(0);
    assertEquals(TinyDataset.BIRCHFIELD, unknown.path("id").asText());
    assertEquals(
        "/correct.html?area=2999002&function=dispatch&date=2024-05-01",
        unknown.path("suggest_url").asText());
    assertNotNull(q.path("stale_sources").path("count"));
    assertEquals(400, TestHttp.get(base + "/api/quality?date=yesterday").statusCode());
  }
}
