package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patrolmap.http.Limits;
import org.patrolmap.testing.Rfc7946;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/** The public /api contract against the running server and the real PostGIS import. */
class ApiIT {
  private static String base;

  @BeforeAll
  static void start() {
    base = TestServer.get().baseUrl();
  }

  private static JsonNode ok(String path) {
    HttpResponse<byte[]> r = TestHttp.get(base + path);
    assertEquals(
        200, r.statusCode(), () -> path + " → " + new String(r.body(), StandardCharsets.UTF_8));
    return TestHttp.json(r);
  }

  /** Asserts the one error shape and returns it. */
  static JsonNode error(HttpResponse<byte[]> r, int status) {
    assertEquals(status, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonNode e = TestHttp.json(r);
    assertEquals(status, e.path("status").asInt());
    assertTrue(
        e.path("title").isTextual() && e.path("type").isTextual() && e.path("details").isObject(),
        e.toString());
    return e;
  }

  @Test
  void healthReportsDatabaseUpAndTheDataset() {
    JsonNode h = ok("/health");
    assertEquals("up", h.path("database").asText());
    assertEquals(111, h.path("dataset").path("counts").path("areas").asInt());
  }

  @Test
  void lookupInWellstonAnswersAllThreeRolesWithSources() {
    JsonNode a = ok("/api/lookup?lon=-90.2843&lat=38.6804&date=2026-11-22");
    assertEquals("2978370", a.path("area").path("id").asText());
    assertEquals("municipality", a.path("area").path("kind").asText());
    JsonNode patrol = a.path("patrol");
    assertEquals("known", patrol.path("status").asText());
    assertEquals("North County Police Cooperative", patrol.path("agency").path("name").asText());
    assertEquals("contract", patrol.path("arrangement").asText());
    assertTrue(patrol.path("sources").size() > 0);
    assertTrue(patrol.path("sources").get(0).path("url").asText().startsWith("http"));
    assertTrue(a.path("dispatch").has("status"));
    assertTrue(a.path("contracts").isArray());
    assertTrue(a.path("near_boundary").isArray());
  }

  @Test
  void lookupOnAPastDateShowsTheProviderOfThatDate() {
    String charlack = "/api/lookup?lon=-90.34008&lat=38.70238";
    JsonNode then = ok(charlack + "&date=2016-06-01");
    assertEquals("2913330", then.path("area").path("id").asText(), then.path("area").toString());
    assertEquals("ncpc", then.path("patrol").path("agency").path("id").asText());
    assertEquals(
        "st-ann-pd",
        ok(charlack + "&date=2020-01-01").path("patrol").path("agency").path("id").asText());
  }

  @Test
  void unknownPatrolIsShownAsUnknownWithTheCountyRule() {
    JsonNode a = ok("/api/lookup?lon=-90.2938&lat=38.6935&date=2026-11-22");
    assertEquals("2975796", a.path("area").path("id").asText(), a.path("area").toString());
    JsonNode p = a.path("patrol");
    assertEquals("unknown", p.path("status").asText());
    assertTrue(p.path("agency").isNull());
    assertTrue(p.path("rule").path("text").asText().length() > 20);
    assertTrue(p.path("rule").path("sources").size() > 0);
  }

  @Test
  void unincorporatedLookupNamesItsLocality() {
    JsonNode a = ok("/api/lookup?lon=-90.30352246&lat=38.52090972");
    assertEquals("unincorporated", a.path("area").path("kind").asText());
    assertTrue(a.path("area").path("localities").toString().contains("Mehlville"));
    assertEquals("county_default", a.path("patrol").path("arrangement").asText());
  }

  @Test
  void aPointNearABoundaryListsTheNeighbourWithItsDistance() {
    // Velda City Court: 9 m from the Velda City / Normandy line (boundary sources disagree here).
    JsonNode a = ok("/api/lookup?lon=-90.29618745&lat=38.69258924");
    JsonNode near = a.path("near_boundary");
    assertTrue(near.size() >= 1, a.toString());
    Set<String> ids = new HashSet<>();
    near.forEach(
        n -> {
          ids.add(n.path("area").path("id").asText());
          assertTrue(n.path("distance_m").asDouble() <= 50);
          assertTrue(n.path("patrol").has("status"));
        });
    ids.add(a.path("area").path("id").asText());
    assertTrue(ids.contains("2975796") && ids.contains("2952796"), ids.toString());
  }

  @Test
  void pointsOutsideTheCountiesAnswer404() {
    JsonNode e = error(TestHttp.get(base + "/api/lookup?lon=-94.58&lat=39.10"), 404);
    assertEquals("outside_region", e.path("type").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "?lat=38.6",
        "?lon=-90.3",
        "?lon=abc&lat=38.6",
        "?lon=NaN&lat=38.6",
        "?lon=Infinity&lat=38.6",
        "?lon=-90.3&lat=91",
        "?lon=-181&lat=38.6",
        "?lon=1e400&lat=38.6",
        "?lon=-90.3&lat=38.6&date=2020-13-01",
        "?lon=-90.3&lat=38.6&date=yesterday",
        "?lon=-90.3&lat=38.6&foo=1",
        "?lon=-90.3&lon=-90.2&lat=38.6",
        "?lon=0x10&lat=38.6",
        "?lon=-90.3%27%3B%20drop%20table%20area%3B--&lat=38.6"
      })
  void badLookupInputAnswers400WithTheParameterNamed(String query) {
    JsonNode e = error(TestHttp.get(base + "/api/lookup" + query), 400);
    assertFalse(e.path("details").isEmpty(), e.toString());
  }

  @Test
  void groundTruthPointsResolveToTheExpectedMunicipality() throws Exception {
    List<String> lines =
        java.nio.file.Files.readAllLines(
            java.nio.file.Path.of(
                TestServer.config().dataMirror().toString(),
                "groundtruth/point_municipality_cases.csv"));
    int total = 0;
    List<String> misses = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      total++;
      JsonNode a = TestHttp.getJson(base + "/api/lookup?lon=" + c[1] + "&lat=" + c[2]);
      String expectedGeoid = c[4];
      boolean uninc = "UNINCORPORATED".equals(c[3]);
      JsonNode area = a.path("area");
      boolean hit =
          uninc
              ? "unincorporated".equals(area.path("kind").asText())
              : expectedGeoid.equals(area.path("id").asText());
      if (!hit) {
        misses.add(c[0] + " " + c[3] + " got " + area.path("name").asText());
      }
    }
    double rate = (total - misses.size()) / (double) total;
    assertTrue(rate >= 0.98, "hit rate " + rate + " misses " + misses);
  }

  @Test
  void areasAndAgenciesListAndDetailWithHistory() {
    assertEquals(111, ok("/api/areas").size());
    JsonNode charlack = ok("/api/areas/2913330");
    assertTrue(charlack.path("services").size() >= 2, "Charlack has a patrol history");
    JsonNode agencies = ok("/api/agencies");
    assertTrue(agencies.size() > 50);
    JsonNode ncpc = ok("/api/agencies/ncpc");
    assertTrue(ncpc.path("services").path("patrol").size() >= 3, ncpc.toString());
    error(TestHttp.get(base + "/api/areas/9999999"), 404);
    error(TestHttp.get(base + "/api/agencies/no-such-agency"), 404);
    error(TestHttp.get(base + "/api/no-such-endpoint"), 404);
  }

  @Test
  void layersListNamesTheFiveLayersAndTheNenaPair() {
    JsonNode l = ok("/api/layers");
    List<String> ids = new ArrayList<>();
    l.forEach(x -> ids.add(x.path("id").asText()));
    assertEquals(
        List.of(
            "areas", "patrol", "dispatch", "contracts", "footprints", "nena-psap", "nena-police"),
        ids);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "areas",
        "patrol",
        "dispatch",
        "contracts",
        "footprints",
        "nena-psap",
        "nena-police"
      })
  void layersAreRfc7946GeoJson(String id) {
    HttpResponse<byte[]> r = TestHttp.get(base + "/api/layers/" + id + "?date=2020-01-01");
    assertEquals(200, r.statusCode());
    assertEquals(
        "application/geo+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonNode fc = TestHttp.json(r);
    assertEquals("FeatureCollection", fc.path("type").asText());
    assertFalse(fc.has("crs"));
    assertTrue(fc.path("features").size() > 0);
    for (JsonNode f : fc.path("features")) {
      assertTrue(f.path("id").isTextual(), "top-level feature id");
      assertFalse(f.path("properties").has("crs"));
      Rfc7946.assertGeometry(f.path("geometry"));
    }
  }

  @Test
  void layerDownloadsHaveStrongEtagsAnd304AndGzip() throws Exception {
    HttpResponse<byte[]> plain = TestHttp.get(base + "/api/layers/areas");
    String etag = plain.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), etag);
    assertEquals(304, TestHttp.get(base + "/api/layers/areas", "If-None-Match", etag).statusCode());
    HttpResponse<byte[]> gz = TestHttp.get(base + "/api/layers/areas", "Accept-Encoding", "gzip");
    assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
    assertArrayEquals(
        plain.body(), new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes());
    HttpResponse<byte[]> dl = TestHttp.get(base + "/api/layers/patrol?download=1&date=2016-06-01");
    assertTrue(dl.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
  }

  @Test
  void patrolLayerChangesWithTheDateAndFiltersByAgencyAndBbox() {
    JsonNode then = ok("/api/layers/patrol?date=2016-06-01&agency=ncpc");
    JsonNode now = ok("/api/layers/patrol?date=2020-01-01&agency=ncpc");
    assertEquals(1, then.path("features").size());
    List<String> thenAreas = new ArrayList<>();
    then.path("features")
        .get(0)
        .path("properties")
        .path("areas")
        .forEach(x -> thenAreas.add(x.asText()));
    List<String> nowAreas = new ArrayList<>();
    now.path("features")
        .get(0)
        .path("properties")
        .path("areas")
        .forEach(x -> nowAreas.add(x.asText()));
    assertTrue(
        thenAreas.contains("2913330") && !nowAreas.contains("2913330"),
        "Charlack left NCPC in 2018");
    JsonNode boxed = ok("/api/layers/areas?bbox=-90.30,38.67,-90.27,38.69");
    assertTrue(boxed.path("features").size() > 0 && boxed.path("features").size() < 20);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bbox=1,2,3",
        "bbox=-90,39,-89,38",
        "bbox=-200,38,-90,39",
        "bbox=a,b,c,d",
        "date=2016-02-30",
        "download=yes",
        "limit=10"
      })
  void badLayerParametersAnswer400(String q) {
    error(TestHttp.get(base + "/api/layers/areas?" + q), 400);
  }

  @Test
  void unknownLayerAnswers404Json() {
    error(TestHttp.get(base + "/api/layers/nope"), 404);
  }

  @Test
  void theNormandyFootprintOverlayNamesItsMunicipalitiesAndNormandyPd() {
    JsonNode list = ok("/api/footprints");
    assertEquals("normandy-24-1", list.get(0).path("id").asText());
    JsonNode r = ok("/api/footprints/normandy-24-1/overlay?date=2026-11-22");
    assertTrue(r.path("footprint").path("area_km2").asDouble() > 20);
    // 23 present-day municipalities at >= 5 %; the published 24 counts Vinita Terrace, merged into
    // Vinita Park in 2017.
    assertEquals(23, r.path("footprint").path("municipalities").size());
    List<String> patrol = new ArrayList<>();
    r.path("patrol").forEach(p -> patrol.add(p.path("agency").path("name").asText()));
    assertTrue(patrol.contains("Normandy Police Department"), patrol.toString());
    assertTrue(patrol.contains("North County Police Cooperative"), patrol.toString());
    double share = 0;
    for (JsonNode a : r.path("areas")) {
      share += a.path("share_of_footprint").asDouble();
    }
    assertEquals(1.0, share, 0.01, "areas tile the footprint");
    HttpResponse<byte[]> csv =
        TestHttp.get(base + "/api/footprints/normandy-24-1/overlay?format=csv");
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(
        new String(csv.body(), StandardCharsets.UTF_8).contains("Normandy Police Department"));
    error(TestHttp.get(base + "/api/footprints/nope/overlay"), 404);
    error(TestHttp.get(base + "/api/footprints/normandy-24-1/overlay?format=xml"), 400);
  }

  @Test
  void postedPolygonGetsAnOverlayReport() {
    String body =
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[-90.30,38.67],[-90.27,38.67],[-90.27,38.69],[-90.30,38.69],[-90.30,38.67]]]}}";
    HttpResponse<byte[]> r =
        TestHttp.post(
            base + "/api/overlay?date=2026-11-22",
            "application/geo+json",
            body.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    JsonNode j = TestHttp.json(r);
    assertTrue(j.path("areas").size() > 1);
    assertTrue(j.path("patrol").size() > 0);
  }

  @Test
  void postedFootprintAsCsvHasTheRowsOfTheSavedFootprintsCsv() {
    JsonNode normandy = null;
    for (JsonNode f : ok("/api/layers/footprints").path("features")) {
      if ("normandy-24-1".equals(f.path("id").asText())) {
        normandy = f;
      }
    }
    assertNotNull(normandy, "the footprints layer has normandy-24-1");
    HttpResponse<byte[]> saved =
        TestHttp.get(base + "/api/footprints/normandy-24-1/overlay?date=2026-11-22&format=csv");
    HttpResponse<byte[]> posted =
        TestHttp.post(
            base + "/api/overlay?date=2026-11-22&format=csv",
            "application/geo+json",
            normandy.path("geometry").toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(200, posted.statusCode(), () -> new String(posted.body(), StandardCharsets.UTF_8));
    assertEquals("text/csv; charset=utf-8", posted.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        saved.headers().firstValue("Content-Type"), posted.headers().firstValue("Content-Type"));
    assertEquals(
        "attachment; filename=\"patrolmap-overlay-2026-11-22.csv\"",
        posted.headers().firstValue("Content-Disposition").orElse(""));
    assertEquals(
        saved.headers().firstValue("X-Dataset-Id"), posted.headers().firstValue("X-Dataset-Id"));
    assertTrue(posted.headers().firstValue("X-Dataset-Id").isPresent(), "dataset header");

    List<String> want = csvLines(saved);
    List<String> got = csvLines(posted);
    assertEquals(
        "section,agency_or_area_id,name,function,status,area_km2,share_of_footprint,share_of_area,areas,footprint_id,footprint_name,date,dataset",
        got.get(0));
    assertTrue(got.size() > 30, "areas, patrol, dispatch and contract rows: " + got.size());
    assertTrue(
        got.stream()
            .anyMatch(l -> l.startsWith("patrol,") && l.contains(",Normandy Police Department,")),
        "Normandy PD");
    // The layer writes the geometry with 6 decimals; at the CSV's 4 decimals the rows are the same,
    // but for the footprint named in each row: the saved one, and the uploaded copy.
    assertTrue(
        want.get(1).contains(",normandy-24-1,") && want.get(1).contains(",2026-11-22,"),
        want.get(1));
    assertTrue(got.get(1).contains(",,Uploaded footprint,2026-11-22,"), got.get(1));
    assertEquals(withoutFootprint(want), withoutFootprint(got));
  }

  /**
   * The CSV lines without the footprint's id and name (the third and fourth cells from the end).
   */
  private static List<String> withoutFootprint(List<String> lines) {
    String cell = "(?:[^,\"]*|\"(?:[^\"]|\"\")*\")";
    return lines.stream()
        .map(l -> l.replaceFirst("," + cell + "," + cell + ",([^,]*),([^,]*)$", ",$1,$2"))
        .toList();
  }

  /** The lines of a CSV answer, which ends each line with LF (no CR). */
  private static List<String> csvLines(HttpResponse<byte[]> r) {
    assertEquals(200, r.statusCode());
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), "LF line ends");
    assertTrue(text.endsWith("\n"), "ends with a line end");
    return List.of(text.split("\n"));
  }

  @Test
  void postedOverlayFormatIsJsonOrCsvAndAnythingElseAnswers400Json() {
    String body =
        "{\"type\":\"Polygon\",\"coordinates\":[[[-90.30,38.67],[-90.27,38.67],[-90.27,38.69],[-90.30,38.67]]]}";
    JsonNode e =
        error(
            TestHttp.post(
                base + "/api/overlay?format=xml",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8)),
            400);
    assertTrue(e.path("details").has("format"), e.toString());
    error(
        TestHttp.post(
            base + "/api/overlay?format=",
            "application/json",
            body.getBytes(StandardCharsets.UTF_8)),
        400);
    HttpResponse<byte[]> json =
        TestHttp.post(
            base + "/api/overlay?format=json",
            "application/json",
            body.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, json.statusCode());
    assertTrue(
        TestHttp.json(json).path("areas").size() > 0, "format=json is the default JSON report");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "{\"type\":\"Point\",\"coordinates\":[-90.3,38.6]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.6],[-90.2,38.7],[-90.3,38.7],[-90.2,38.6],[-90.3,38.6]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[-90.3,38.6],[-90.2,38.6],[-90.2,38.7]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":[[[-300,38.6],[-90.2,38.6],[-90.2,38.7],[-300,38.6]]]}",
        "{\"type\":\"Polygon\",\"coordinates\":\"x\"}"
      })
  void badOverlayBodiesAnswer400(String body) {
    error(
        TestHttp.post(
            base + "/api/overlay", "application/json", body.getBytes(StandardCharsets.UTF_8)),
        400);
  }

  @Test
  void overlayOutsideTheRegionAnswers422AndHugeBodies413() {
    String far =
        "{\"type\":\"Polygon\",\"coordinates\":[[[-94.6,39.0],[-94.5,39.0],[-94.5,39.1],[-94.6,39.0]]]}";
    error(
        TestHttp.post(
            base + "/api/overlay", "application/json", far.getBytes(StandardCharsets.UTF_8)),
        422);
    byte[] huge = new byte[(int) Limits.MAX_BODY_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    int status = TestHttp.post(base + "/api/overlay", "application/json", huge).statusCode();
    assertEquals(413, status);
  }

  @Test
  void deeplyNestedJsonIsRejected() {
    String nested =
        "{\"type\":\"Feature\",\"geometry\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    error(
        TestHttp.post(
            base + "/api/overlay", "application/json", nested.getBytes(StandardCharsets.UTF_8)),
        400);
  }

  @Test
  void configTellsTheMapItsSettings() {
    JsonNode c = ok("/api/config");
    assertTrue(c.path("ogc_url").asText().endsWith("/ogc"));
    assertTrue(c.path("tile_url").isNull(), "tests run without base tiles");
    assertNotNull(c.path("today").asText());
  }
}
