package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.SuppressForbidden;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * /api/geocode through the real Census geocoder client against a local HTTP server that answers
 * in the Census one-line-address API's documented JSON format (no outside traffic).
 */
class GeocodeIT {
  @SuppressForbidden(reason = "the JDK's own HTTP server (module jdk.httpserver) stands in for the Census geocoder")
  private static HttpServer census;
  private static App.Running app;
  private static String base;
  private static final AtomicInteger CALLS = new AtomicInteger();

  @SuppressForbidden(reason = "the JDK's own HTTP server (module jdk.httpserver) stands in for the Census geocoder")
  @BeforeAll
  static void start() throws IOException {
    TestServer.get();
    census = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    census.createContext("/geocoder/locations/onelineaddress", ex -> {
      CALLS.incrementAndGet();
      String q = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
      String body;
      int status = 200;
      if (q.contains("address=slow")) {
        sleep(3000);
        body = "{}";
      } else if (q.contains("address=broken")) {
        status = 500;
        body = "<html>error</html>";
      } else if (q.contains("address=110 Church St")) {
        body = """
            {"result":{"input":{"address":{"address":"110 Church St, Ferguson, MO"},"benchmark":{"id":"4","benchmarkName":"Public_AR_Current"}},
             "addressMatches":[{"tigerLine":{"side":"L","tigerLineId":"100"},"coordinates":{"x":-90.30479,"y":38.74358},
             "addressComponents":{"zip":"63135","city":"FERGUSON","state":"MO"},"matchedAddress":"110 CHURCH ST, FERGUSON, MO, 63135"}]}}""";
      } else {
        body = "{\"result\":{\"input\":{},\"addressMatches\":[]}}";
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    census.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    census.start();
    AppConfig cfg = TestServer.config();
    java.util.Map<String, String> flags = new java.util.HashMap<>();
    flags.put("DB_URL", cfg.dbUrl());
    flags.put("PROJECT_DIR", cfg.projectDir().toString());
    flags.put("PORT", "0");
    flags.put("TILE_URL", "");
    flags.put("GEOCODER_URL", "http://127.0.0.1:" + census.getAddress().getPort() + "/geocoder");
    flags.put("GEOCODER_TIMEOUT_MS", "1000");
    app = App.start(AppConfig.from(flags, java.util.Map.of()));
    base = "http://127.0.0.1:" + app.server().port();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressForbidden(reason = "the JDK's own HTTP server (module jdk.httpserver) stands in for the Census geocoder")
  @AfterAll
  static void stop() {
    app.close();
    census.stop(0);
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
    assertEquals(0, TestHttp.getJson(base + "/api/geocode?q=nowhere%20at%20all").path("candidates").size());
  }

  @Test
  void aFailingGeocoderAnswers502Json() {
    JsonNode e = ApiIT.error(TestHttp.get(base + "/api/geocode?q=broken"), 502);
    assertEquals("geocoder_unavailable", e.path("type").asText());
  }

  @Test
  void aSlowGeocoderAnswers504JsonAfterOneAttempt() {
    int before = CALLS.get();
    JsonNode e = ApiIT.error(TestHttp.get(base + "/api/geocode?q=slow"), 504);
    assertEquals("geocoder_timeout", e.path("type").asText());
    assertEquals(before + 1, CALLS.get(), "no retries");
  }

  @Test
  void missingOrOversizedQueriesAnswer400() {
    ApiIT.error(TestHttp.get(base + "/api/geocode"), 400);
    ApiIT.error(TestHttp.get(base + "/api/geocode?q=" + "a".repeat(300)), 400);
    ApiIT.error(TestHttp.get(base + "/api/geocode?q=x&extra=1"), 400);
    assertTrue(CALLS.get() >= 0);
  }
}
