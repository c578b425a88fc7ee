package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.FakeGeocoder;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * {@code GET /api/geocode} through a fake geocoder: the query goes out trimmed, failures map to
 * 502/504.
 */
class GeocodeApiTest {
  @Test
  void candidatesOfTheGeocoderAreAnsweredForTheTrimmedQuery() throws Exception {
    FakeGeocoder g = FakeGeocoder.answering(TinyServer.ALDERBROOK_ADDRESS);
    try (TinyServer s = new TinyServer(new TinyDataset(), () -> true, g)) {
      HttpResponse<byte[]> res = TestHttp.get(s.url("/api/geocode?q=%20100%20Main%20St%20"));
      assertEquals(200, res.statusCode());
      assertEquals(
          TestHttp.JSON.readTree(
              """
          {"query":"100 Main St",
           "candidates":[{"label":"100 MAIN ST, ALDERBROOK, MO, 63100","lon":-90.31,"lat":38.705,"match":"Exact"}]}"""),
          TestHttp.json(res));
      assertEquals(List.of("100 Main St"), g.queries());
    }
  }

  @Test
  void geocoderTimeoutAnswers504AndFailureAnswers502() {
    try (TinyServer slow =
            new TinyServer(new TinyDataset(), () -> true, FakeGeocoder.failing(true));
        TinyServer down =
            new TinyServer(new TinyDataset(), () -> true, FakeGeocoder.failing(false))) {
      HttpResponse<byte[]> timeout = TestHttp.get(slow.url("/api/geocode?q=Main"));
      assertEquals(504, timeout.statusCode());
      assertEquals("geocoder_timeout", TestHttp.json(timeout).path("type").asText());
      HttpResponse<byte[]> failed = TestHttp.get(down.url("/api/geocode?q=Main"));
      JsonNode e = TestHttp.json(failed);
      assertEquals(502, failed.statusCode());
      assertEquals("geocoder_unavailable", e.path("type").asText());
    }
  }
}
