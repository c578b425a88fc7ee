package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/** The served OpenAPI 3.0 document matches what the server accepts. */
class OpenApiIT {
  @Test
  void openApiIsVersion30WithItsMediaTypeAndNoNullSecurity() {
    HttpResponse<byte[]> r = TestHttp.get(TestServer.get().baseUrl() + "/api/openapi.json");
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/vnd.oai.openapi+json;version=3.0",
        r.headers().firstValue("Content-Type").orElse(""));
    JsonNode doc = TestHttp.json(r);
    assertTrue(doc.path("openapi").asText().startsWith("3.0"));
    assertFalse(doc.toString().contains("\"security\":null"));
  }

  @Test
  void everyDocumentedQueryParameterSetMatchesTheHandlers() {
    JsonNode paths =
        TestHttp.getJson(TestServer.get().baseUrl() + "/api/openapi.json").path("paths");
    Map<String, Set<String>> expected =
        Map.ofEntries(
            Map.entry("/api/lookup", LookupHandler.PARAMS),
            Map.entry("/api/layers/{id}", LayersHandler.PARAMS),
            Map.entry("/api/footprints/{id}/overlay", OverlayHandlers.OVERLAY_PARAMS),
            Map.entry("/api/geocode", GeocodeHandler.PARAMS),
            Map.entry("/api/nena", NenaHandler.PARAMS),
            Map.entry("/api/tiles/{layer}/{z}/{x}/{y}.mvt", TilesHandler.PARAMS),
            Map.entry("/api/tiles/{layer}", TilesHandler.PARAMS),
            Map.entry("/api/overlay", OverlayHandlers.POST_PARAMS),
            Map.entry("/api/attribute", AttributeHandler.PARAMS),
            Map.entry("/api/search", SearchHandler.PARAMS),
            Map.entry("/api/changes", ChangesHandler.PARAMS),
            Map.entry("/api/quality", QualityHandler.PARAMS));
    expected.forEach(
        (path, params) -> {
          JsonNode op =
              paths.path(path).has("get")
                  ? paths.path(path).path("get")
                  : paths.path(path).path("post");
          Set<String> documented = new TreeSet<>();
          op.path("parameters")
              .forEach(
                  p -> {
                    if ("query".equals(p.path("in").asText())) {
                      documented.add(p.path("name").asText());
                    }
                  });
          assertEquals(new TreeSet<>(params), documented, path);
        });
    Set<String> served = new TreeSet<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      served.add(it.next());
    }
    assertTrue(
        served.containsAll(
            Set.of(
                "/api/lookup",
                "/api/areas",
                "/api/areas/{id}",
                "/api/agencies",
                "/api/agencies/{id}",
                "/api/layers",
                "/api/layers/{id}",
                "/api/footprints",
                "/api/geocode",
                "/api/overlay",
                "/api/attribute")));
  }
}
