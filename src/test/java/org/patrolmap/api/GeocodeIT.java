package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.testing.GeocoderStub;
import org.patrolmap.testing.GeocoderStub.Answer;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * /api/geocode through the real Census geocoder client against {@link GeocoderStub}, a local HTTP
 * server that answers in the Census one-line-address API's documented JSON format (no outside
 * traffic): one match, no match, an HTTP 500, and an answer later than the 1 s timeout.
 */
class GeocodeIT {
  private static GeocoderStub census;
  private static App.Running app;
  private static String base;

  @BeforeAll
  static void start() {
    TestServer.get();
    census =
        GeocoderStub.answering()
            .address("slow", Answer.noMatch().after(Duration.ofSeconds(3)))
            .address("broken", Answer.serverError())
            .address("110 Church St", GeocoderStub.CHURCH_ST)
            .otherwise(Answer.noMatch())
            .start();
    AppConfig cfg = TestServer.config();
    java.util.Map<String, String> flags = new java.util.HashMap<>();
    flags.put("DB_URL", cfg.dbUrl());
    flags.put("PROJECT_DIR", cfg.projectDir().toString());
    flags.put("PORT", "0");
    flags.put("TILE_URL", "");
    flags.put("GEOCODER_URL", census.url().toString());
    flags.put("GEOCODER_TIMEOUT_MS", "1000");
    app = App.start(AppConfig.from(flags, java.util.Map.of()));
    base = "http://127.0.0.1:" + app.server().port();
  }

  @AfterAll
  static void stop() {
    app.close();
    census.close();
  }

  @Test
  void anAddressResolvesToCandidatesWithPositions() {
    JsonNode r = TestHttp.getJson(base + "/api/geocode?q=110%20Church%20St%2C%20Ferguson%2C%20MO");
    assertEquals(1, r.path("candidates").size());
    JsonNode c = r.path("candidates").get(0);
    assertEquals("110 CHURCH ST, FERGUSON, MO, 63135", c.path("label").asText());
    assertEquals(-90.30479, c.path("lon").asDouble(), 1e-9);
    assertEquals(38.74358, c.path("lat").asDouble(), 1e-9);
  }

  @Test
  void noMatchIsAnEmptyListNotAnError() {
    assertEquals(
        0, TestHttp.getJson(base + "/api/geocode?q=nowhere%20at%20all").path("candidates").size());
  }

  @Test
  void aFailingGeocoderAnswers502Json() {
    JsonNode e = ApiIT.error(TestHttp.get(base + "/api/geocode?q=broken"), 502);
    assertEquals("geocoder_unavailable", e.path("type").asText());
  }

  @Test
  void aSlowGeocoderAnswers504JsonAfterOneAttempt() {
    int before = census.calls();
    JsonNode e = ApiIT.error(TestHttp.get(base + "/api/geocode?q=slow"), 504);
    assertEquals("geocoder_timeout", e.path("type").asText());
    assertEquals(before + 1, census.calls(), "no retries");
  }

  @Test
  void missingOrOversizedQueriesAnswer400() {
    int before = census.calls();
    ApiIT.error(TestHttp.get(base + "/api/geocode"), 400);
    ApiIT.error(TestHttp.get(base + "/api/geocode?q=" + "a".repeat(300)), 400);
    ApiIT.error(TestHttp.get(base + "/api/geocode?q=x&extra=1"), 400);
    assertEquals(before, census.calls(), "bad queries never reach the geocoder");
  }
}
