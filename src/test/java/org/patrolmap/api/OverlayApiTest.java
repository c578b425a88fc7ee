package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.CEDAR_HOLLOW;
import static org.patrolmap.testing.TinyDataset.DUNMORE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * The planner's overlay over HTTP: {@code POST /api/overlay} and {@code GET
 * /api/footprints/{id}/overlay}.
 */
class OverlayApiTest {
  private static final TinyServer server = TinyServer.shared();

  private static String geoJson(String wkt) {
    GeoJsonWriter w = new GeoJsonWriter(12);
    w.setEncodeCRS(false);
    return w.write(TinyDataset.wkt(wkt));
  }

  private static HttpResponse<byte[]> post(String query, String contentType, String body) {
    return TestHttp.post(
        server.url("/api/overlay" + query), contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), StandardCharsets.UTF_8);
  }

  /**
   * Area id → km² of the tiny footprint inside it, from the WKT literals, rounded as the API
   * rounds.
   */
  private static Map<String, Double> expectedKm2() {
    Geometry fp = TinyDataset.wkt(TinyDataset.FOOTPRINT_WKT);
    Map<String, Double> out = new LinkedHashMap<>();
    Map.of(
            ALDERBROOK,
            TinyDataset.ALDERBROOK_WKT,
            BIRCHFIELD,
            TinyDataset.BIRCHFIELD_WKT,
            CEDAR_HOLLOW,
            TinyDataset.CEDAR_HOLLOW_WKT,
            DUNMORE,
            TinyDataset.DUNMORE_WKT)
        .forEach((id, w) -> out.put(id, GeoMath.areaM2(fp.intersection(TinyDataset.wkt(w))) / 1e6));
    return out;
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  @Test
  void postedPolygonGetsTheReportOfTheAreasItCovers() {
    HttpResponse<byte[]> res =
        post("?date=2021-01-01", "application/geo+json", geoJson(TinyDataset.FOOTPRINT_WKT));
    assertEquals(200, res.statusCode(), text(res));
    JsonNode r = TestHttp.json(res);
    Map<String, Double> expected = expectedKm2();
    assertEquals(expected.size(), r.path("areas").size(), r.path("areas").toString());
    for (JsonNode a : r.path("areas")) {
      assertEquals(
          round4(expected.get(a.path("id").asText())),
          a.path("area_km2").asDouble(),
          1e-12,
          a.toString());
    }
    double fpKm2 = GeoMath.areaM2(TinyDataset.wkt(TinyDataset.FOOTPRINT_WKT)) / 1e6;
    assertEquals(round4(fpKm2), r.path("footprint").path("area_km2").asDouble(), 1e-12);
    List<String> munis =
        List.of(BIRCHFIELD, ALDERBROOK); // largest share first: 80 % and 60 % of each
    assertTrue(expected.get(BIRCHFIELD) > expected.get(ALDERBROOK));
    assertEquals(TestHttp.JSON.valueToTree(munis), r.path("footprint").path("municipalities"));
    assertEquals("2021-01-01", r.path("date").asText());
    JsonNode unknownDispatch = null;
    for (JsonNode g : r.path("dispatch")) {
      unknownDispatch = g.path("agency").path("id").isNull() ? g : unknownDispatch;
    }
    assertEquals(
        "Unknown",
        unknownDispatch.path("agency").path("name").asText(),
        r.path("dispatch").toString());
    assertEquals(TestHttp.JSON.valueToTree(List.of(BIRCHFIELD)), unknownDispatch.path("areas"));
    assertEquals(
        round4(expected.get(BIRCHFIELD)), unknownDispatch.path("area_km2").asDouble(), 1e-12);
  }

  @Test
  void savedFootprintReportEqualsThePostedReportOfTheSamePolygon() {
    HttpResponse<byte[]> posted =
        post("?date=2019-05-01", "application/json", geoJson(TinyDataset.FOOTPRINT_WKT));
    HttpResponse<byte[]> saved =
        TestHttp.get(
            server.url("/api/footprints/" + TinyDataset.FOOTPRINT_ID + "/overlay?date=2019-05-01"));
    assertEquals(200, saved.statusCode(), text(saved));
    ObjectNode p = (ObjectNode) TestHttp.json(posted);
    ObjectNode s = (ObjectNode) TestHttp.json(saved);
    assertEquals(TinyDataset.FOOTPRINT_ID, s.path("footprint").path("id").asText());
    assertEquals("Tiny School District", s.path("footprint").path("name").asText());
    ((ObjectNode) p.path("footprint")).remove(List.of("id", "name"));
    ((ObjectNode) s.path("footprint")).remove(List.of("id", "name"));
    assertEquals(p, s);
  }

  @Test
  void polygonOutsideTheRegionAnswers422() {
    HttpResponse<byte[]> res =
        post(
            "",
            "application/geo+json",
            geoJson("POLYGON((-90.1 38.9, -90.09 38.9, -90.09 38.91, -90.1 38.91, -90.1 38.9))"));
    assertEquals(422, res.statusCode(), text(res));
    assertEquals("outside_region", TestHttp.json(res).path("type").asText());
  }

  @Test
  void otherContentTypeAnswers415() {
    HttpResponse<byte[]> res = post("", "text/plain", geoJson(TinyDataset.FOOTPRINT_WKT));
    JsonNode e = TestHttp.json(res);
    assertEquals(415, res.statusCode());
    assertEquals("unsupported_media_type", e.path("type").asText());
    assertEquals("text/plain", e.path("details").path("content_type").asText());
  }

  @Test
  void bowTiePolygonAnswers400NamingTheBodyAndWhere() {
    String bowTie =
        """
        {"type":"Polygon","coordinates":[[[-90.31,38.702],[-90.29,38.708],[-90.29,38.702],[-90.31,38.708],[-90.31,38.702]]]}""";
    HttpResponse<byte[]> res = post("", "application/geo+json", bowTie);
    JsonNode e = TestHttp.json(res);
    assertEquals(400, res.statusCode(), text(res));
    String problem = e.path("details").path("body").asText();
    assertTrue(
        problem.startsWith("is not a valid polygon: Self-intersection near -90.300000,38.705000"),
        problem);
  }

  @Test
  void footprintOverlayAsCsvHasTheHeaderAndOneRowPerAreaAndProvider() {
    HttpResponse<byte[]> res =
        TestHttp.get(
            server.url(
                "/api/footprints/"
                    + TinyDataset.FOOTPRINT_ID
                    + "/overlay?format=csv&date=2021-01-01"));
    assertEquals(200, res.statusCode(), text(res));
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertEquals(
        "attachment; filename=\"patrolmap-overlay-"
            + TinyDataset.FOOTPRINT_ID
            + "-2021-01-01.csv\"",
        res.headers().firstValue("Content-Disposition").orElse(null));
    List<String> raw = Arrays.asList(text(res).split("\n"));
    assertEquals(
        "section,agency_or_area_id,name,function,status,area_km2,share_of_footprint,share_of_area,areas,footprint_id,footprint_name,date,dataset",
        raw.get(0));
    // Every row names the footprint, the date and the dataset, so a saved file says what it is.
    String about =
        ","
            + TinyDataset.FOOTPRINT_ID
            + ","
            + TinyDataset.build().footprints().get(TinyDataset.FOOTPRINT_ID).name()
            + ",2021-01-01,"
            + TinyDataset.ID;
    assertTrue(raw.stream().skip(1).allMatch(l -> l.endsWith(about)), text(res));
    List<String> lines =
        raw.stream()
            .map(l -> l.endsWith(about) ? l.substring(0, l.length() - about.length()) : l)
            .toList();
    Map<String, Double> km2 = expectedKm2();
    double fpKm2 = GeoMath.areaM2(TinyDataset.wkt(TinyDataset.FOOTPRINT_WKT)) / 1e6;
    assertEquals(4, lines.stream().filter(l -> l.startsWith("areas,")).count());
    String alderbrook =
        lines.stream()
            .filter(l -> l.startsWith("areas," + ALDERBROOK + ","))
            .findFirst()
            .orElseThrow();
    assertEquals(String.format(Locale.ROOT, "%.4f", km2.get(ALDERBROOK)), alderbrook.split(",")[5]);
    // the County police under two arrangements (a contract, the unincorporated default): two rows
    for (String area : List.of(BIRCHFIELD, CEDAR_HOLLOW)) {
      assertTrue(
          lines.contains(
              String.format(
                  Locale.ROOT,
                  "patrol,%s,Tiny County Police Department,patrol,known,%.4f,%.4f,,%s",
                  TinyDataset.COUNTY_PD,
                  km2.get(area),
                  km2.get(area) / fpKm2,
                  area)),
          text(res));
    }
    assertTrue(
        lines.contains(
            String.format(
                Locale.ROOT,
                "dispatch,,Unknown,dispatch,unknown,%.4f,%.4f,,%s",
                km2.get(BIRCHFIELD),
                km2.get(BIRCHFIELD) / fpKm2,
                BIRCHFIELD)),
        text(res));
  }

  @Test
  void unknownFootprintAnswers404() {
    HttpResponse<byte[]> res = TestHttp.get(server.url("/api/footprints/nowhere/overlay"));
    assertEquals(404, res.statusCode());
    assertEquals("nowhere", TestHttp.json(res).path("details").path("footprint").asText());
  }
}
