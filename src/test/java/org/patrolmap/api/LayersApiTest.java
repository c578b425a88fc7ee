package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.CEDAR_HOLLOW;
import static org.patrolmap.testing.TinyDataset.DUNMORE;
import static org.patrolmap.testing.TinyDataset.RIVERTON;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.testing.Rfc7946;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * {@code GET /api/layers/{id}} on the tiny dataset: dissolving by agency, filters, ETag and gzip.
 */
class LayersApiTest {
  private static final TinyServer server = TinyServer.shared();

  private static HttpResponse<byte[]> layer(String idAndQuery, String... headers) {
    return TestHttp.get(server.url("/api/layers/" + idAndQuery), headers);
  }

  /** Feature id → its {@code areas} property, for a layer answer. */
  private static Map<String, Set<String>> areasByFeature(JsonNode fc) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (JsonNode f : fc.path("features")) {
      out.put(
          f.path("id").asText(),
          Set.copyOf(TestHttp.JSON.convertValue(f.path("properties").path("areas"), List.class)));
    }
    return out;
  }

  private static double wktM2(String... wkts) {
    double sum = 0;
    for (String w : wkts) {
      sum += GeoMath.areaM2(TinyDataset.wkt(w));
    }
    return sum;
  }

  @Test
  void patrolLayerHasOneFeaturePerAgencyPlusUnknownOnTheDate() {
    // 2010: Birchfield's contract and Dunmore's cooperative have not started, so both are unknown
    Map<String, Set<String>> expected2010 =
        new TreeMap<>(
            Map.of(
                "patrol-alderbrook-pd", Set.of(ALDERBROOK),
                "patrol-tiny-county-pd", Set.of(CEDAR_HOLLOW),
                "patrol-riverton-pd", Set.of(RIVERTON),
                "patrol-unknown", Set.of(BIRCHFIELD, DUNMORE)));
    assertEquals(expected2010, areasByFeature(TestHttp.json(layer("patrol?date=2010-01-01"))));
    Map<String, Set<String>> expectedAfterChange =
        new TreeMap<>(
            Map.of(
                "patrol-alderbrook-pd", Set.of(ALDERBROOK),
                "patrol-tiny-county-pd", Set.of(BIRCHFIELD, CEDAR_HOLLOW),
                "patrol-dunmore-coop-pd", Set.of(DUNMORE),
                "patrol-riverton-pd", Set.of(RIVERTON)));
    assertEquals(
        expectedAfterChange,
        areasByFeature(TestHttp.json(layer("patrol?date=" + TinyDataset.CONTRACT_CHANGE))));
  }

  @Test
  void dissolvedFeatureIsOneRfc7946PolygonCoveringItsAreas() throws ParseException {
    JsonNode fc = TestHttp.json(layer("patrol?date=2021-01-01"));
    JsonNode county = null;
    for (JsonNode f : fc.path("features")) {
      Rfc7946.assertGeometry(f.path("geometry"));
      county = f.path("id").asText().equals("patrol-tiny-county-pd") ? f : county;
    }
    assertEquals("MultiPolygon", county.path("geometry").path("type").asText());
    assertEquals(
        1,
        county.path("geometry").path("coordinates").size(),
        "Birchfield and Cedar Hollow share an edge");
    double m2 = GeoMath.areaM2(new GeoJsonReader().read(county.path("geometry").toString()));
    assertEquals(wktM2(TinyDataset.BIRCHFIELD_WKT, TinyDataset.CEDAR_HOLLOW_WKT), m2, 1.0);
    assertEquals(
        Math.round(m2 / 1e6 * 1e4) / 1e4,
        county.path("properties").path("area_km2").asDouble(),
        1e-12);
    assertEquals("known", county.path("properties").path("status").asText());
    assertEquals(
        TestHttp.JSON.valueToTree(List.of("contract", "county_default")),
        county.path("properties").path("arrangements"));
  }

  @Test
  void dispatchLayerShowsTheUnknownAreaAsItsOwnFeature() {
    Map<String, Set<String>> expected =
        new TreeMap<>(
            Map.of(
                "dispatch-tiny-county-comms", Set.of(ALDERBROOK, CEDAR_HOLLOW, DUNMORE),
                "dispatch-riverton-pd", Set.of(RIVERTON),
                "dispatch-unknown", Set.of(BIRCHFIELD)));
    assertEquals(expected, areasByFeature(TestHttp.json(layer("dispatch?date=2024-05-01"))));
  }

  @Test
  void bboxKeepsOnlyFeaturesMeetingTheBox() {
    JsonNode fc = TestHttp.json(layer("patrol?date=2021-01-01&bbox=-90.25,38.705,-90.245,38.715"));
    assertEquals(Map.of("patrol-riverton-pd", Set.of(RIVERTON)), areasByFeature(fc));
    JsonNode across =
        TestHttp.json(layer("patrol?date=2021-01-01&bbox=-90.305,38.705,-90.295,38.706"));
    assertEquals(
        Set.of("patrol-alderbrook-pd", "patrol-tiny-county-pd"), areasByFeature(across).keySet());
  }

  @Test
  void agencyFilterKeepsThatAgencysFeature() {
    JsonNode fc = TestHttp.json(layer("patrol?date=2020-06-30&agency=alderbrook-pd"));
    assertEquals(
        Map.of("patrol-alderbrook-pd", Set.of(ALDERBROOK, BIRCHFIELD)), areasByFeature(fc));
    assertEquals(
        Map.of(),
        areasByFeature(TestHttp.json(layer("patrol?date=2020-06-30&agency=no-such-agency"))));
  }

  @Test
  void matchingIfNoneMatchAnswers304AndAnotherDateHasAnotherEtag() {
    HttpResponse<byte[]> first = layer("patrol?date=2021-01-01");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = layer("patrol?date=2021-01-01", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(etag, again.headers().firstValue("ETag").orElse(null));
    HttpResponse<byte[]> stale = layer("patrol?date=2010-01-01", "If-None-Match", etag);
    assertEquals(200, stale.statusCode());
    assertNotEquals(etag, stale.headers().firstValue("ETag").orElse(null));
  }

  @Test
  void gzipIsSentWhenAcceptedAndInflatesToThePlainBody() throws IOException {
    HttpResponse<byte[]> plain = layer("dispatch?date=2024-05-01");
    HttpResponse<byte[]> gz = layer("dispatch?date=2024-05-01", "Accept-Encoding", "gzip");
    assertEquals(null, plain.headers().firstValue("Content-Encoding").orElse(null));
    assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertArrayEquals(plain.body(), in.readAllBytes());
    }
    assertEquals("application/geo+json", plain.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void unknownLayerAnswers404Json() {
    HttpResponse<byte[]> res = layer("beats");
    assertEquals(404, res.statusCode());
    JsonNode e = TestHttp.json(res);
    assertEquals("not_found", e.path("type").asText());
    assertEquals("beats", e.path("details").path("layer").asText());
  }

  @Test
  void areasLayerCarriesEveryAreaWithItsKind() {
    Map<String, String> kinds = new LinkedHashMap<>();
    JsonNode fc = TestHttp.json(layer("areas"));
    for (JsonNode f : fc.path("features")) {
      kinds.put(f.path("id").asText(), f.path("properties").path("kind").asText());
    }
    assertEquals(
        Map.of(
            ALDERBROOK,
            "municipality",
            BIRCHFIELD,
            "municipality",
            CEDAR_HOLLOW,
            "unincorporated",
            DUNMORE,
            "municipality",
            RIVERTON,
            "independent_city"),
        kinds);
  }

  @Test
  void lowDetailIsSmallerWithTheSameFeaturesAndABadDetailIsA400() throws Exception {
    TinyServer s = TinyServer.shared();
    var full = TestHttp.json(TestHttp.get(s.url("/api/layers/patrol?date=2024-05-01")));
    var res = TestHttp.get(s.url("/api/layers/patrol?date=2024-05-01&detail=low"));
    assertEquals(200, res.statusCode());
    var low = TestHttp.json(res);
    assertEquals(full.path("features").size(), low.path("features").size());
    assertEquals(full.path("features").path(0).path("id"), low.path("features").path(0).path("id"));
    var overview = TestHttp.get(s.url("/api/layers/patrol?date=2024-05-01&detail=overview"));
    assertEquals(200, overview.statusCode());
    assertEquals(full.path("features").size(), TestHttp.json(overview).path("features").size());
    var bad = TestHttp.get(s.url("/api/layers/areas?detail=medium"));
    assertEquals(400, bad.statusCode());
    assertEquals("bad_request", TestHttp.json(bad).path("type").asText());
  }
}
