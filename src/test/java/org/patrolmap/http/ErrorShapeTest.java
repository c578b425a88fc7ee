package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/** Errors in the one JSON shape, health, and serving before any import — all without a database. */
class ErrorShapeTest {
  private static TinyServer serving;
  private static TinyServer databaseDown;
  private static TinyServer noDataset;

  @BeforeAll
  static void start() {
    serving = new TinyServer();
    databaseDown = new TinyServer(new TinyDataset(), () -> false);
    noDataset = new TinyServer(TinyDataset.none(), () -> true);
  }

  @AfterAll
  static void stop() {
    serving.close();
    databaseDown.close();
    noDataset.close();
  }

  private static List<String> fields(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode assertErrorShape(HttpResponse<byte[]> res, int status, String type) {
    assertEquals(status, res.statusCode());
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode e = TestHttp.json(res);
    assertEquals(List.of("title", "status", "type", "details"), fields(e));
    assertEquals(status, e.path("status").asInt());
    assertEquals(type, e.path("type").asText());
    assertTrue(e.path("details").isObject());
    return e;
  }

  @Test
  void unknownRouteAnswers404InTheErrorShape() {
    assertEquals(
        "/api/nothing-here",
        assertErrorShape(
                TestHttp.get(serving.url("/api/nothing-here"), "Accept", "*/*"), 404, "not_found")
            .path("details")
            .path("path")
            .asText(),
        "the 404 names what was not found");
    assertErrorShape(
        TestHttp.get(serving.url("/nothing-here.html"), "Accept", "text/html"), 404, "not_found");
  }

  @Test
  void otherMethodOnAKnownPathAnswers405InTheErrorShape() {
    HttpResponse<byte[]> res =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(serving.url("/api/lookup?lon=-90.31&lat=38.705")))
                .DELETE()
                .build());
    assertEquals(
        "DELETE",
        assertErrorShape(res, 405, "method_not_allowed").path("details").path("method").asText());
  }

  @Test
  void adminRoutesAreAbsentWithoutAToken() {
    assertErrorShape(
        TestHttp.post(serving.url("/admin/import"), "application/json", new byte[0]),
        404,
        "not_found");
  }

  @Test
  void healthIs200AndNamesTheDatasetWhenTheDatabaseAnswers() {
    HttpResponse<byte[]> res = TestHttp.get(serving.url("/health"));
    JsonNode h = TestHttp.json(res);
    assertEquals(200, res.statusCode());
    assertEquals("up", h.path("status").asText());
    assertEquals(TinyDataset.ID, h.path("dataset").path("id").asLong());
    assertEquals(
        TinyDataset.build().areas().size(), h.path("dataset").path("counts").path("areas").asInt());
    assertTrue(res.headers().firstValue("Retry-After").isEmpty());
  }

  @Test
  void healthWithTheDatabaseDownAnswers503WithRetryAfterWhileLookupsServeFromMemory() {
    HttpResponse<byte[]> res = TestHttp.get(databaseDown.url("/health"));
    JsonNode h = TestHttp.json(res);
    assertEquals(503, res.statusCode());
    assertEquals("5", res.headers().firstValue("Retry-After").orElse(null));
    assertEquals("degraded", h.path("status").asText());
    assertEquals("down", h.path("database").asText());
    assertEquals("serving from memory", h.path("lookups").asText());
    assertEquals(
        200, TestHttp.get(databaseDown.url("/api/lookup?lon=-90.31&lat=38.705")).statusCode());
  }

  @Test
  void withoutADatasetRequestsAnswer503NoDatasetAndHealthSaysSo() {
    for (String path :
        List.of(
            "/api/lookup?lon=-90.31&lat=38.705",
            "/api/layers/patrol",
            "/ogc/collections/areas/items")) {
      HttpResponse<byte[]> res = TestHttp.get(noDataset.url(path));
      assertErrorShape(res, 503, "no_dataset");
      assertEquals("30", res.headers().firstValue("Retry-After").orElse(null), path);
    }
    HttpResponse<byte[]> health = TestHttp.get(noDataset.url("/health"));
    JsonNode h = TestHttp.json(health);
    assertEquals(200, health.statusCode());
    assertEquals("degraded", h.path("status").asText());
    assertEquals("no dataset", h.path("lookups").asText());
    assertTrue(h.path("dataset").isNull());
  }

  @Test
  void parameterErrorsAreReportedEvenWithoutADataset() {
    assertErrorShape(
        TestHttp.get(noDataset.url("/api/lookup?lon=x&lat=38.705")), 400, "bad_request");
  }
}
