package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.FakeGeocoder;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/** {@code GET /api/search}: the local gazetteer, answered with the address service down. */
class SearchApiTest {
  @Test
  void placesAreFoundWithTheAddressServiceDown() throws Exception {
    try (TinyServer s =
        new TinyServer(new TinyDataset(), () -> true, FakeGeocoder.failing(false))) {
      HttpResponse<byte[]> res = TestHttp.get(s.url("/api/search?q=alderbrok"));
      assertEquals(200, res.statusCode());
      JsonNode first = TestHttp.json(res).path("results").path(0);
      assertEquals("municipality", first.path("kind").asText());
      assertEquals(TinyDataset.ALDERBROOK, first.path("area_id").asText());
      assertEquals("Alderbrook", first.path("name").asText());
      assertEquals("approximate", first.path("match").asText());
      assertEquals(4, first.path("bbox").size());
      double lon = first.path("lon").asDouble();
      double lat = first.path("lat").asDouble();
      JsonNode lookup = TestHttp.getJson(s.url("/api/lookup?lon=" + lon + "&lat=" + lat));
      assertEquals(TinyDataset.ALDERBROOK, lookup.path("area").path("id").asText());
    }
  }

  @Test
  void coordinatesAreReadEitherWayRoundAndPlaced() {
    TinyServer s = TinyServer.shared();
    JsonNode r =
        TestHttp.getJson(s.url("/api/search?q=38%C2%B042.3%27N%2090%C2%B018.6%27W"))
            .path("results");
    assertEquals(1, r.size());
    assertEquals("coordinates", r.path(0).path("kind").asText());
    assertEquals(-90.31, r.path(0).path("lon").asDouble(), 1e-9);
    assertEquals(38.705, r.path(0).path("lat").asDouble(), 1e-9);
    assertEquals(TinyDataset.ALDERBROOK, r.path(0).path("area_id").asText());
    JsonNode swapped = TestHttp.getJson(s.url("/api/search?q=-90.31,38.705")).path("results");
    assertEquals(TinyDataset.ALDERBROOK, swapped.path(0).path("area_id").asText());
  }

  @Test
  void missingLongOrUnknownInputIsA400() {
    TinyServer s = TinyServer.shared();
    for (String q :
        new String[] {
          "/api/search",
          "/api/search?q=%20",
          "/api/search?q=" + "a".repeat(201),
          "/api/search?q=a%00b",
          "/api/search?q=a&limit=3"
        }) {
      HttpResponse<byte[]> res = TestHttp.get(s.url(q));
      assertEquals(400, res.statusCode(), q);
      assertTrue(TestHttp.json(res).has("title"), q);
    }
  }

  @Test
  void noMatchIsAnEmptyList() {
    JsonNode body = TestHttp.getJson(TinyServer.shared().url("/api/search?q=qqqzzz"));
    assertEquals("qqqzzz", body.path("query").asText());
    assertEquals(0, body.path("results").size());
  }
}
