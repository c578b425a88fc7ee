package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * {@code GET /api/lookup} over HTTP on the tiny dataset: answers per area and date, neighbours,
 * errors.
 */
class LookupApiTest {
  private static final TinyServer server = TinyServer.shared();

  private static HttpResponse<byte[]> lookup(String query) {
    return TestHttp.get(server.url("/api/lookup?" + query));
  }

  private static JsonNode ok(String query) {
    HttpResponse<byte[]> res = lookup(query);
    assertEquals(
        200,
        res.statusCode(),
        () -> new String(res.body(), java.nio.charset.StandardCharsets.UTF_8));
    return TestHttp.json(res);
  }

  private static JsonNode tree(String json) throws Exception {
    return TestHttp.JSON.readTree(json);
  }

  /** "function:agency" for each contract of an answer, in order. */
  private static String contracts(JsonNode answer) {
    List<String> out = new ArrayList<>();
    answer
        .path("contracts")
        .forEach(
            c -> out.add(c.path("function").asText() + ":" + c.path("agency").path("id").asText()));
    return String.join(";", out);
  }

  @ParameterizedTest(name = "{3} on {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      -90.31 | 38.705 | 2020-06-30 | 2999001            | alderbrook-pd    | tiny-county-comms | dispatch:tiny-county-comms
      -90.31 | 38.705 | 2020-07-01 | 2999001            | alderbrook-pd    | tiny-county-comms | dispatch:tiny-county-comms
      -90.29 | 38.705 | 2020-06-30 | 2999002            | alderbrook-pd    | -                 | patrol:alderbrook-pd
      -90.29 | 38.705 | 2020-07-01 | 2999002            | tiny-county-pd   | -                 | patrol:tiny-county-pd
      -90.30 | 38.715 | 2020-06-30 | uninc-cedar-hollow | tiny-county-pd   | tiny-county-comms | -
      -90.30 | 38.715 | 2020-07-01 | uninc-cedar-hollow | tiny-county-pd   | tiny-county-comms | -
      -90.27 | 38.71  | 2020-06-30 | 2999004            | dunmore-coop-pd  | tiny-county-comms | dispatch:tiny-county-comms
      -90.27 | 38.71  | 2020-07-01 | 2999004            | dunmore-coop-pd  | tiny-county-comms | dispatch:tiny-county-comms
      -90.25 | 38.71  | 2020-06-30 | 2999005            | riverton-pd      | riverton-pd       | -
      -90.25 | 38.71  | 2020-07-01 | 2999005            | riverton-pd      | riverton-pd       | -
      """)
  void pointInEachAreaNamesItsPatrolDispatchAndContractAgenciesOnEitherSideOfTheContractChange(
      String lon,
      String lat,
      String date,
      String area,
      String patrol,
      String dispatch,
      String contracts) {
    JsonNode a = ok("lon=" + lon + "&lat=" + lat + "&date=" + date);
    assertEquals(area, a.path("area").path("id").asText());
    assertEquals(patrol == null ? "unknown" : "known", a.path("patrol").path("status").asText());
    assertEquals(patrol, a.path("patrol").path("agency").path("id").textValue());
    assertEquals(
        dispatch == null ? "unknown" : "known", a.path("dispatch").path("status").asText());
    assertEquals(dispatch, a.path("dispatch").path("agency").path("id").textValue());
    assertEquals(contracts == null ? "" : contracts, contracts(a));
    assertEquals(date, a.path("query").path("date").asText());
  }

  @Test
  void knownContractAnswerCarriesAgencyTermsAndSources() throws Exception {
    JsonNode a = ok("lon=-90.29&lat=38.705&date=2020-06-30");
    assertEquals(
        tree(
            """
        {"status":"known",
         "agency":{"id":"alderbrook-pd","name":"Alderbrook Police Department","kind":"police_department",
                   "phone":"314-555-0101","website":"https://alderbrook.example/police"},
         "arrangement":"contract","since":"2016-03-01","until":"2020-07-01","confidence":"high","note":null,
         "sources":[{"id":"alderbrook-birchfield-2016","title":"Birchfield contracts Alderbrook for patrol",
                     "publisher":"Tiny Gazette","url":"https://gazette.example/2016/birchfield","date":"2016-03"}],
         "non_emergency":null,"city_hall":null}"""),
        a.path("patrol"));
  }

  @Test
  void unknownDispatchAnswerCarriesTheRuleWithItsSourcesAndNoGuessedAgency() throws Exception {
    JsonNode a = ok("lon=-90.29&lat=38.705&date=2024-05-01");
    assertEquals(
        tree(
            """
        {"status":"unknown","agency":null,"arrangement":null,"since":null,"until":null,"confidence":null,
         "note":"No cited dispatch provider for this date.","sources":[],
         "rule":{"id":"no-dispatch-fallback",
                 "text":"County communications take 911 calls where no dispatch centre is recorded.",
                 "sources":[{"id":"county-ordinance","title":"County ordinance on police services",
                             "publisher":"Tiny County","url":"https://county.example/ordinance","date":"2010"}]},
         "non_emergency":null,"city_hall":null}"""),
        a.path("dispatch"));
  }

  @Test
  void independentCityAnswerNamesTheCityAsItsCounty() throws Exception {
    JsonNode a = ok("lon=-90.25&lat=38.71");
    assertEquals(
        tree(
            """
        {"id":"2999005","name":"Riverton","kind":"independent_city","county":"St. Louis city","county_geoid":"29510",
         "localities":[]}"""),
        a.path("area"));
  }

  @Test
  void answerNamesTheDatasetAndDefaultsToToday() {
    HttpResponse<byte[]> res = lookup("lon=-90.31&lat=38.705");
    JsonNode a = TestHttp.json(res);
    assertEquals(TinyServer.TODAY.toString(), a.path("query").path("date").asText());
    assertEquals(TinyDataset.ID, a.path("dataset").path("id").asLong());
    assertEquals(
        TinyDataset.IMPORTED_AT.toString(), a.path("dataset").path("imported_at").asText());
    assertEquals(
        Long.toString(TinyDataset.ID), res.headers().firstValue("X-Dataset-Id").orElse(null));
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  /**
   * Longitude {@code metres} west of the Alderbrook–Birchfield edge (lon -90.30) at this latitude.
   */
  private static double westOfEdge(double metres, double lat) {
    return -90.30
        - Math.toDegrees(metres / (GeoMath.EARTH_RADIUS_M * Math.cos(Math.toRadians(lat))));
  }

  @Test
  void pointTenMetresFromASharedEdgeListsTheNeighbourWithItsDistanceAndProviders() {
    double lat = 38.705;
    double lon = westOfEdge(10, lat);
    JsonNode a = ok(String.format(Locale.ROOT, "lon=%.8f&lat=%.6f&date=2021-01-01", lon, lat));
    assertEquals(ALDERBROOK, a.path("area").path("id").asText());
    JsonNode near = a.path("near_boundary");
    assertEquals(1, near.size(), near.toString());
    assertEquals(BIRCHFIELD, near.get(0).path("area").path("id").asText());
    assertEquals(
        GeoMath.haversineM(lon, lat, -90.30, lat), near.get(0).path("distance_m").asDouble(), 0.05);
    assertEquals(
        TinyDataset.COUNTY_PD, near.get(0).path("patrol").path("agency").path("id").asText());
    assertEquals("unknown", near.get(0).path("dispatch").path("status").asText());
  }

  @Test
  void pointFartherThanTheNeighbourDistanceListsNoNeighbour() {
    double lat = 38.705;
    JsonNode a = ok(String.format(Locale.ROOT, "lon=%.8f&lat=%.6f", westOfEdge(60, lat), lat));
    assertEquals(ALDERBROOK, a.path("area").path("id").asText());
    assertEquals(0, a.path("near_boundary").size(), a.path("near_boundary").toString());
  }

  @Test
  void pointOutsideTheRegionAnswers404OutsideRegion() {
    HttpResponse<byte[]> res = lookup("lon=-90.1&lat=38.9");
    JsonNode e = TestHttp.json(res);
    assertEquals(404, res.statusCode());
    assertEquals("outside_region", e.path("type").asText());
    assertEquals(404, e.path("status").asInt());
    assertEquals(-90.1, e.path("details").path("lon").asDouble());
    assertEquals(38.9, e.path("details").path("lat").asDouble());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      lon=abc&lat=38.705                     | lon
      lat=38.705                             | lon
      lon=-190&lat=38.705                    | lon
      lon=-90.31&lat=NaN                     | lat
      lon=-90.31&lat=91                      | lat
      lon=-90.31&lat=38.705&date=2020-13-01  | date
      lon=-90.31&lat=38.705&date=yesterday   | date
      lon=-90.31&lat=38.705&date=2020-02-30  | date
      """)
  void malformedParameterAnswers400NamingIt(String query, String parameter) {
    HttpResponse<byte[]> res = lookup(query);
    JsonNode e = TestHttp.json(res);
    assertEquals(400, res.statusCode());
    assertEquals("bad_request", e.path("type").asText());
    assertEquals(List.of(parameter), iterableNames(e.path("details")));
    assertTrue(e.path("title").asText().contains("'" + parameter + "'"), e.toString());
  }

  @Test
  void unknownParameterAnswers400UnknownParameterListingWhatIsAllowed() throws Exception {
    HttpResponse<byte[]> res = lookup("lon=-90.31&lat=38.705&radius=5");
    JsonNode e = TestHttp.json(res);
    assertEquals(400, res.statusCode());
    assertEquals("unknown_parameter", e.path("type").asText());
    assertEquals(
        tree(
            """
        {"unknown":["radius"],"allowed":["date","lat","lon"]}"""),
        e.path("details"));
  }

  private static List<String> iterableNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
