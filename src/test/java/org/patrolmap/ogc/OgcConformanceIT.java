package org.patrolmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) against the running server and the real
 * PostGIS import. Test names follow the standard's abstract tests ({@code /conf/core/...}, {@code
 * /conf/geojson/...}, {@code /conf/oas30/...}); the rest check what the issue adds (filters, the
 * as-of date, ETags, content negotiation, public URL).
 */
class OgcConformanceIT {
  private static final List<String> COLLECTIONS =
      List.of("areas", "patrol", "dispatch", "contracts", "footprints", "nena-psap", "nena-police");
  private static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
  private static final String GEOJSON = "application/geo+json";
  private static final String CHARLACK = "2913330";
  private static String base;
  private static String ogc;

  @BeforeAll
  static void start() {
    base = TestServer.get().baseUrl();
    ogc = base + "/ogc";
  }

  // ---------- helpers

  private static HttpResponse<byte[]> get(String url, String... headers) {
    return TestHttp.get(url, headers);
  }

  private static JsonNode json(String url, String... headers) {
    HttpResponse<byte[]> r = get(url, headers);
    assertEquals(
        200, r.statusCode(), () -> url + " -> " + new String(r.body(), StandardCharsets.UTF_8));
    return TestHttp.json(r);
  }

  private static String contentType(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }

  private static JsonNode link(JsonNode doc, String rel) {
    for (JsonNode l : doc.get("links")) {
      if (rel.equals(l.path("rel").asText())) {
        return l;
      }
    }
    return null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Asserts the one JSON error shape with the given status, and returns its body. */
  private static JsonNode assertError(int status, String url, String... headers) {
    HttpResponse<byte[]> r = get(url, headers);
    assertEquals(
        status, r.statusCode(), () -> url + " -> " + new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(contentType(r).startsWith("application/json"), url);
    JsonNode e = TestHttp.json(r);
    assertEquals(status, e.get("status").asInt());
    assertTrue(e.get("title").isTextual());
    assertTrue(e.get("type").isTextual());
    assertTrue(e.get("details").isObject());
    return e;
  }

  private static List<String> ids(JsonNode fc) {
    List<String> out = new ArrayList<>();
    fc.get("features").forEach(f -> out.add(f.get("id").asText()));
    return out;
  }

  /** Every feature of an items query, by following the next links from the first page. */
  private static List<JsonNode> allPages(String firstUrl) {
    List<JsonNode> pages = new ArrayList<>();
    String url = firstUrl;
    while (url != null) {
      JsonNode page = json(url);
      pages.add(page);
      JsonNode next = link(page, "next");
      url = next == null ? null : next.get("href").asText();
      assertTrue(pages.size() < 500, "paging does not end");
    }
    return pages;
  }

  private static JsonNode apiLayer(String id, String query) {
    return json(base + "/api/layers/" + id + query);
  }

  private static JsonNode openApi() {
    return json(ogc + "/api");
  }

  private static JsonNode parameter(JsonNode api, JsonNode paramOrRef) {
    String ref = paramOrRef.path("$ref").asText("");
    return ref.isEmpty() ? paramOrRef : api.at(ref.substring(1));
  }

  private static Map<String, JsonNode> itemsParameters(JsonNode api, String collection) {
    Map<String, JsonNode> out = new HashMap<>();
    JsonNode params = api.at("/paths/~1collections~1" + collection + "~1items/get/parameters");
    assertTrue(params.isArray(), "items parameters of " + collection);
    params.forEach(
        p -> {
          JsonNode resolved = parameter(api, p);
          out.put(resolved.get("name").asText(), resolved);
        });
    return out;
  }

  // ---------- /conf/core/http, landing page, API definition, conformance

  @Test
  void confCoreLandingPageOp() {
    HttpResponse<byte[]> r = get(ogc, "Accept", "application/json");
    assertEquals(200, r.statusCode());
    assertTrue(contentType(r).startsWith("application/json"));
    assertEquals(200, get(ogc + "/").statusCode(), "a trailing slash is the same resource");
  }

  @Test
  void confCoreLandingPageSuccess() {
    JsonNode landing = json(ogc);
    assertTrue(landing.get("title").asText().contains("patrolmap"));
    assertEquals(ogc, link(landing, "self").get("href").asText());
    assertEquals(OPENAPI, link(landing, "service-desc").get("type").asText());
    for (String rel : List.of("self", "service-desc", "service-doc", "conformance", "data")) {
      JsonNode l = link(landing, rel);
      assertNotNull(l, rel);
      String href = l.get("href").asText();
      assertTrue(href.startsWith(ogc), rel + " link is absolute: " + href);
      HttpResponse<byte[]> r = get(href, "Accept", l.get("type").asText());
      assertEquals(200, r.statusCode(), rel);
      assertTrue(contentType(r).startsWith(l.get("type").asText()), rel + ": " + contentType(r));
    }
    assertTrue(
        new String(
                get(link(landing, "service-doc").get("href").asText()).body(),
                StandardCharsets.UTF_8)
            .contains("QGIS"));
  }

  @Test
  void confCoreApiDefinitionOp() {
    JsonNode desc = link(json(ogc), "service-desc");
    HttpResponse<byte[]> r = get(desc.get("href").asText(), "Accept", OPENAPI);
    assertEquals(200, r.statusCode());
    assertEquals(OPENAPI, contentType(r));
    HttpResponse<byte[]> asJson = get(desc.get("href").asText(), "Accept", "application/json");
    assertEquals("application/json", contentType(asJson));
  }

  @Test
  void confCoreApiDefinitionSuccess() {
    JsonNode api = openApi();
    assertTrue(api.get("openapi").asText().startsWith("3.0."));
    assertEquals(ogc, api.at("/servers/0/url").asText());
    for (String path : List.of("/", "/conformance", "/api", "/collections")) {
      assertTrue(api.get("paths").has(path), path);
    }
  }

  @Test
  void confCoreConformanceSuccess() {
    HttpResponse<byte[]> r = get(ogc + "/conformance");
    assertEquals(200, r.statusCode());
    assertTrue(contentType(r).startsWith("application/json"));
    Set<String> classes = new TreeSet<>();
    TestHttp.json(r).get("conformsTo").forEach(c -> classes.add(c.asText()));
    assertEquals(
        new TreeSet<>(
            List.of(
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions")),
        classes);
  }

  // ---------- collections

  @Test
  void confCoreFcMetadataSuccess() {
    JsonNode doc = json(ogc + "/collections");
    assertEquals(ogc + "/collections", link(doc, "self").get("href").asText());
    List<String> ids = new ArrayList<>();
    for (JsonNode c : doc.get("collections")) {
      String id = c.get("id").asText();
      ids.add(id);
      assertFalse(id.contains("."), id);
      assertTrue(c.get("title").isTextual());
      assertEquals("feature", c.get("itemType").asText());
      assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", c.at("/crs/0").asText());
      JsonNode bbox = c.at("/extent/spatial/bbox/0");
      assertEquals(4, bbox.size(), id);
      Envelope stl = new Envelope(-91.0, -90.0, 38.2, 39.0);
      assertTrue(
          stl.contains(
              new Envelope(
                  bbox.get(0).asDouble(),
                  bbox.get(2).asDouble(),
                  bbox.get(1).asDouble(),
                  bbox.get(3).asDouble())),
          id + " bbox lies in St. Louis: " + bbox);
      assertEquals(
          "http://www.opengis.net/def/crs/OGC/1.3/CRS84", c.at("/extent/spatial/crs").asText());
      JsonNode interval = c.at("/extent/temporal/interval/0");
      assertEquals(2, interval.size(), id);
      assertTrue(interval.get(1).isNull(), "temporal extent is open-ended: " + id);
      if (!id.equals("areas") && !id.equals("footprints")) {
        Instant start = Instant.parse(interval.get(0).asText());
        assertTrue(
            start.isBefore(Instant.parse("2016-06-01T00:00:00Z")),
            id + " starts before the past test date");
      }
      JsonNode items = link(c, "items");
      assertEquals(ogc + "/collections/" + id + "/items", items.get("href").asText());
      assertEquals(GEOJSON, items.get("type").asText());
    }
    assertEquals(COLLECTIONS, ids);
  }

  @Test
  void confCoreSfmdSuccess() {
    JsonNode all = json(ogc + "/collections");
    for (JsonNode c : all.get("collections")) {
      String id = c.get("id").asText();
      JsonNode one = json(ogc + "/collections/" + id);
      for (String member : List.of("id", "title", "description", "extent", "itemType", "crs")) {
        assertEquals(c.get(member), one.get(member), id + " " + member);
      }
      assertEquals(ogc + "/collections/" + id, link(one, "self").get("href").asText());
    }
  }

  @Test
  void confCoreSfmdUnknownCollectionAnswers404Json() {
    assertEquals("not_found", assertError(404, ogc + "/collections/nope").get("type").asText());
    assertError(404, ogc + "/collections/nope/items");
    assertError(404, ogc + "/collections/areas.json/items");
  }

  // ---------- items: limit

  @Test
  void confCoreFcOp() {
    for (String id : COLLECTIONS) {
      HttpResponse<byte[]> r = get(ogc + "/collections/" + id + "/items");
      assertEquals(200, r.statusCode(), id);
      assertEquals(GEOJSON, contentType(r), id);
    }
  }

  /**
   * The parameter as defined without its description, to compare with the fragments of Part 1
   * (whose minimum, maximum and default values are examples a server may change).
   */
  private static JsonNode fragment(JsonNode parameter) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) parameter).deepCopy();
    copy.remove("description");
    return copy;
  }

  private static JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void confCoreFcLimitDefinition() {
    JsonNode api = openApi();
    JsonNode spec =
        parse(
            """
            {"name":"limit","in":"query","required":false,
             "schema":{"type":"integer","minimum":1,"maximum":1000,"default":10},
             "style":"form","explode":false}""");
    for (String id : COLLECTIONS) {
      JsonNode limit = itemsParameters(api, id).get("limit");
      assertNotNull(limit, id);
      assertEquals(spec, fragment(limit), "/req/core/fc-limit-definition on " + id);
    }
  }

  @Test
  void confCoreFcLimitResponse() {
    int total = apiLayer("areas", "").get("features").size();
    assertTrue(total > 10, "the areas layer has more than one default page");
    JsonNode byDefault = json(ogc + "/collections/areas/items");
    assertEquals(10, byDefault.get("numberReturned").asInt());
    assertEquals(10, byDefault.get("features").size());
    assertEquals(total, byDefault.get("numberMatched").asInt());
    assertEquals(3, json(ogc + "/collections/areas/items?limit=3").get("features").size());
    JsonNode max = json(ogc + "/collections/areas/items?limit=1000");
    assertEquals(total, max.get("features").size());
    assertNull(link(max, "next"), "one page holds everything");
  }

  @Test
  void confCoreFcLimitOutOfRangeOrNotANumberAnswers400() {
    for (String bad : List.of("unlimited", "0", "-1", "1001", "abc", "1.5", "", "99999999999")) {
      JsonNode e = assertError(400, ogc + "/collections/areas/items?limit=" + enc(bad));
      assertTrue(e.at("/details/limit").isTextual(), bad);
    }
  }

  // ---------- items: bbox

  @Test
  void confCoreFcBboxDefinition() {
    JsonNode api = openApi();
    JsonNode spec =
        parse(
            """
            {"name":"bbox","in":"query","required":false,
             "schema":{"type":"array","minItems":4,"maxItems":6,"items":{"type":"number"}},
             "style":"form","explode":false}""");
    for (String id : COLLECTIONS) {
      JsonNode bbox = itemsParameters(api, id).get("bbox");
      assertEquals(spec, fragment(bbox), "/req/core/fc-bbox-definition on " + id);
    }
  }

  @Test
  void confCoreFcBboxResponseAcrossTheAntimeridianIsValidAndEmptyHere() {
    for (String id : COLLECTIONS) {
      JsonNode far = json(ogc + "/collections/" + id + "/items?bbox=177,65,-177,70");
      assertEquals("FeatureCollection", far.get("type").asText());
      assertEquals(0, far.get("numberMatched").asInt(), id);
      assertEquals(0, far.get("numberReturned").asInt(), id);
      assertEquals(0, far.get("features").size(), id);
      assertNotNull(link(far, "self"), id);
      assertNull(link(far, "next"), id);
    }
    // a box from 170°E eastwards across the antimeridian to 90.33°W holds the same areas as the
    // box from 180°W to 90.33°W
    JsonNode wrapped =
        json(ogc + "/collections/areas/items?limit=1000&bbox=170,38.69,-90.33,38.72");
    JsonNode plain = json(ogc + "/collections/areas/items?limit=1000&bbox=-180,38.69,-90.33,38.72");
    assertTrue(wrapped.get("numberMatched").asInt() > 0);
    assertEquals(new TreeSet<>(ids(plain)), new TreeSet<>(ids(wrapped)));
    assertEquals(
        new TreeSet<>(ids(apiLayer("areas", "?bbox=170,38.69,-90.33,38.72"))),
        new TreeSet<>(ids(wrapped)),
        "/api/layers shares the box parser");
  }

  @Test
  void confCoreFcBboxResponse() throws Exception {
    String box = "-90.36,38.69,-90.33,38.72";
    Envelope env = new Envelope(-90.36, -90.33, 38.69, 38.72);
    Geometry boxGeom = new GeometryFactory().toGeometry(env);
    List<JsonNode> pages = allPages(ogc + "/collections/areas/items?limit=5&bbox=" + box);
    GeoJsonReader reader = new GeoJsonReader();
    Set<String> got = new TreeSet<>();
    for (JsonNode page : pages) {
      for (JsonNode f : page.get("features")) {
        assertTrue(
            reader.read(f.get("geometry").toString()).intersects(boxGeom), f.get("id").asText());
        got.add(f.get("id").asText());
      }
    }
    int total = apiLayer("areas", "").get("features").size();
    assertTrue(got.size() > 1 && got.size() < total, "the box selects some areas: " + got);
    assertTrue(got.contains(CHARLACK), "Charlack lies in the box");
    assertEquals(
        new TreeSet<>(ids(apiLayer("areas", "?bbox=" + box))),
        got,
        "same selection as /api/layers");
    assertEquals(got.size(), pages.get(0).get("numberMatched").asInt());
    JsonNode six =
        json(ogc + "/collections/areas/items?limit=1000&bbox=-90.36,38.69,0,-90.33,38.72,100");
    assertEquals(got, new TreeSet<>(ids(six)), "6 numbers: heights ignored");
    JsonNode nowhere = json(ogc + "/collections/areas/items?bbox=0,0,1,1");
    assertEquals(0, nowhere.get("numberMatched").asInt());
    assertEquals(0, nowhere.get("features").size());
    assertNull(link(nowhere, "next"));
  }

  @Test
  void confCoreFcBboxMalformedAnswers400() {
    for (String bad :
        List.of(
            "1,2,3",
            "a,b,c,d",
            "-90.36,38.73,-90.33,38.70",
            "181,0,-179,1",
            "",
            "1,2,3,4,5",
            "-200,0,0,1",
            "NaN,1,2,3")) {
      JsonNode e = assertError(400, ogc + "/collections/areas/items?bbox=" + enc(bad));
      assertTrue(e.at("/details/bbox").isTextual(), bad);
    }
  }

  // ---------- items: datetime (the coverage as of a date)

  @Test
  void confCoreFcTimeDefinition() {
    JsonNode api = openApi();
    JsonNode spec =
        parse(
            """
            {"name":"datetime","in":"query","required":false,"schema":{"type":"string"},
             "style":"form","explode":false}""");
    for (String id : COLLECTIONS) {
      JsonNode dt = itemsParameters(api, id).get("datetime");
      assertEquals(spec, fragment(dt), "/req/core/fc-time-definition on " + id);
      assertTrue(
          dt.get("description").asText().contains("end"),
          "the description says an interval uses its end");
      assertTrue(dt.get("description").asText().contains("today"));
    }
  }

  @Test
  void everyQueryParameterIsDefinedWithStyleFormAndExplodeFalse() {
    JsonNode api = openApi();
    api.at("/components/parameters")
        .forEach(
            p -> {
              if (p.get("in").asText().equals("query")) {
                assertEquals("form", p.path("style").asText(), p.toString());
                assertFalse(p.path("explode").asBoolean(true), p.toString());
                assertFalse(p.get("required").asBoolean(), p.toString());
              }
            });
  }

  private static String patrolOfCharlack(JsonNode fc) {
    for (JsonNode f : fc.get("features")) {
      for (JsonNode a : f.at("/properties/areas")) {
        if (a.asText().equals(CHARLACK)) {
          return f.at("/properties/agency_id").asText();
        }
      }
    }
    return null;
  }

  @Test
  void confCoreFcTimeResponse() {
    String items = ogc + "/collections/patrol/items?limit=1000";
    JsonNode past = json(items + "&datetime=2016-06-01");
    assertEquals("ncpc", patrolOfCharlack(past), "NCPC patrolled Charlack in 2016");
    past.get("features")
        .forEach(f -> assertEquals("2016-06-01", f.at("/properties/date").asText()));
    JsonNode now = json(items);
    assertEquals("st-ann-pd", patrolOfCharlack(now), "St. Ann PD patrols Charlack today");
    assertNotEquals(ids(past), ids(now));
    for (String same :
        List.of(
            "2016-06-01T00:00:00Z",
            "2016-06-01T23:59:59-05:00",
            "2016-06-01T12:00:00.5Z",
            "../2016-06-01",
            "/2016-06-01",
            "2015-01-01/2016-06-01",
            "2016-06-01T")) {
      assertEquals(ids(past), ids(json(items + "&datetime=" + enc(same))), same);
    }
    assertEquals(
        ids(now),
        ids(json(items + "&datetime=" + enc("2016-06-01/.."))),
        "an open end means today");
    assertEquals(ids(now), ids(json(items + "&datetime=" + enc("../.."))));
    JsonNode areas = json(ogc + "/collections/areas/items?limit=1000&datetime=2016-06-01");
    assertEquals(
        ids(json(ogc + "/collections/areas/items?limit=1000")), ids(areas), "areas are not dated");
  }

  @Test
  void confCoreFcTimeMalformedAnswers400() {
    for (String bad :
        List.of(
            "yesterday",
            "2016-13-01",
            "2016-02-30",
            "2017-01-01/2016-01-01",
            "..",
            "2016-06-01/2016-07-01/2016-08-01",
            "2016-06-01T25:00:00Z",
            "1066-10-14",
            "",
            "2016-06-01Tfoo")) {
      JsonNode e = assertError(400, ogc + "/collections/patrol/items?datetime=" + enc(bad));
      assertTrue(e.at("/details/datetime").isTextual(), bad);
    }
  }

  // ---------- items: response, paging, links

  @Test
  void confCoreFcResponse() {
    List<String> expected = ids(apiLayer("areas", ""));
    List<JsonNode> pages = allPages(ogc + "/collections/areas/items?limit=25");
    List<String> got = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      JsonNode p = pages.get(i);
      assertEquals("FeatureCollection", p.get("type").asText());
      assertEquals(expected.size(), p.get("numberMatched").asInt());
      assertEquals(p.get("features").size(), p.get("numberReturned").asInt());
      assertNotNull(Instant.parse(p.get("timeStamp").asText()));
      boolean last = i == pages.size() - 1;
      assertEquals(
          !last, link(p, "next") != null, "next on every page but the last (page " + i + ")");
      assertEquals(
          i > 0, link(p, "prev") != null, "prev on every page but the first (page " + i + ")");
      got.addAll(ids(p));
    }
    assertEquals((expected.size() + 24) / 25, pages.size());
    assertEquals(expected, got, "pages hold every feature once, in the order of /api/layers");
    JsonNode beyond = json(ogc + "/collections/areas/items?offset=100000");
    assertEquals(0, beyond.get("numberReturned").asInt());
    assertNull(link(beyond, "next"));
  }

  @Test
  void confCoreFcLinks() {
    JsonNode page = json(ogc + "/collections/areas/items?limit=5&offset=5");
    String items = ogc + "/collections/areas/items";
    JsonNode self = link(page, "self");
    assertEquals(items + "?limit=5&offset=5", self.get("href").asText());
    assertEquals(GEOJSON, self.get("type").asText());
    assertEquals(items + "?limit=5&offset=10", link(page, "next").get("href").asText());
    assertEquals(items + "?limit=5", link(page, "prev").get("href").asText());
    assertEquals(ogc + "/collections/areas", link(page, "collection").get("href").asText());
    JsonNode alternate = link(page, "alternate");
    assertEquals("application/json", alternate.get("type").asText());
    HttpResponse<byte[]> alt = get(alternate.get("href").asText());
    assertEquals("application/json", contentType(alt));
    assertEquals(ids(page), ids(TestHttp.json(alt)));
    assertEquals(ids(page), ids(json(self.get("href").asText())));
    JsonNode filtered =
        json(
            ogc
                + "/collections/patrol/items?limit=2&bbox=-90.5,38.6,-90.2,38.8&datetime=2016-06-01");
    String next = link(filtered, "next").get("href").asText();
    assertTrue(
        next.contains("bbox=-90.5,38.6,-90.2,38.8")
            && next.contains("datetime=2016-06-01")
            && next.contains("offset=2"),
        "next keeps the query: " + next);
  }

  @Test
  void confCoreFcPropertyFiltersSelectByAgencyAndFunction() {
    JsonNode slcpd = json(ogc + "/collections/patrol/items?agency=slcpd");
    assertEquals(1, slcpd.get("numberMatched").asInt(), "patrol features are dissolved by agency");
    assertEquals("slcpd", slcpd.at("/features/0/properties/agency_id").asText());
    assertEquals(ids(slcpd), ids(json(ogc + "/collections/patrol/items?agency_id=slcpd")));
    JsonNode all = json(ogc + "/collections/contracts/items?limit=1000");
    JsonNode dispatch = json(ogc + "/collections/contracts/items?limit=1000&function=dispatch");
    assertTrue(dispatch.get("numberMatched").asInt() > 0);
    assertTrue(dispatch.get("numberMatched").asInt() < all.get("numberMatched").asInt());
    dispatch
        .get("features")
        .forEach(f -> assertEquals("dispatch", f.at("/properties/function").asText()));
    JsonNode both =
        json(ogc + "/collections/contracts/items?limit=1000&function=patrol&agency=slcpd");
    assertTrue(both.get("numberMatched").asInt() > 0);
    both.get("features")
        .forEach(
            f -> {
              assertEquals("patrol", f.at("/properties/function").asText());
              assertEquals("slcpd", f.at("/properties/agency_id").asText());
            });
    assertEquals(
        0,
        json(ogc + "/collections/patrol/items?agency=no-such-agency").get("numberMatched").asInt());
    assertError(400, ogc + "/collections/contracts/items?function=parking");
    assertError(400, ogc + "/collections/patrol/items?agency=slcpd&agency_id=ncpc");
  }

  @Test
  void unknownOrRepeatedParametersAnswer400Json() {
    JsonNode e = assertError(400, ogc + "/collections/areas/items?foo=1");
    assertEquals("unknown_parameter", e.get("type").asText());
    assertEquals("foo", e.at("/details/unknown/0").asText());
    assertEquals(
        "unknown_parameter",
        assertError(400, ogc + "/collections/areas/items?agency=slcpd").get("type").asText(),
        "areas have no agency");
    assertEquals(
        "unknown_parameter",
        assertError(400, ogc + "/collections/patrol/items?function=patrol").get("type").asText());
    assertEquals(
        "unknown_parameter",
        assertError(400, ogc + "/collections/areas/items?properties=x").get("type").asText());
    assertError(400, ogc + "/collections/areas/items?limit=5&limit=6");
    for (String path :
        List.of(
            "",
            "/conformance",
            "/api",
            "/collections",
            "/collections/areas",
            "/collections/areas/items/2913330")) {
      assertEquals(
          "unknown_parameter", assertError(400, ogc + path + "?foo=1").get("type").asText(), path);
    }
  }

  // ---------- features

  @Test
  void confCoreFSuccess() {
    JsonNode page = json(ogc + "/collections/areas/items?limit=3");
    for (JsonNode f : page.get("features")) {
      String id = f.get("id").asText();
      String url = ogc + "/collections/areas/items/" + id;
      HttpResponse<byte[]> r = get(url);
      assertEquals(200, r.statusCode(), id);
      assertEquals(GEOJSON, contentType(r));
      JsonNode one = TestHttp.json(r);
      assertEquals("Feature", one.get("type").asText());
      assertEquals(id, one.get("id").asText());
      assertEquals(f.get("geometry"), one.get("geometry"));
      assertEquals(f.get("properties"), one.get("properties"));
      assertEquals(url, link(one, "self").get("href").asText());
      assertEquals(GEOJSON, link(one, "self").get("type").asText());
      assertEquals(ogc + "/collections/areas", link(one, "collection").get("href").asText());
      assertEquals("application/json", link(one, "alternate").get("type").asText());
    }
  }

  @Test
  void confCoreFNoFeatureAnswers404Json() {
    JsonNode e = assertError(404, ogc + "/collections/areas/items/no-such-area");
    assertEquals("not_found", e.get("type").asText());
    assertEquals("no-such-area", e.at("/details/featureId").asText());
    Set<String> past =
        new LinkedHashSet<>(
            ids(json(ogc + "/collections/patrol/items?limit=1000&datetime=2016-06-01")));
    past.removeAll(ids(json(ogc + "/collections/patrol/items?limit=1000")));
    assertFalse(past.isEmpty(), "some agency patrolled in 2016 and patrols nothing today");
    String gone = past.iterator().next();
    assertError(404, ogc + "/collections/patrol/items/" + gone);
    JsonNode then = json(ogc + "/collections/patrol/items/" + gone + "?datetime=2016-06-01");
    assertEquals(gone, then.get("id").asText());
    assertTrue(link(then, "self").get("href").asText().endsWith("?datetime=2016-06-01"));
  }

  @Test
  void featureIdsAreStableAcrossRequestsAndMatchTheApiLayers() {
    for (String id : COLLECTIONS) {
      List<String> first = ids(json(ogc + "/collections/" + id + "/items?limit=1000"));
      assertEquals(first, ids(json(ogc + "/collections/" + id + "/items?limit=1000")), id);
      assertEquals(ids(apiLayer(id, "")), first, id);
      assertEquals(first.size(), new TreeSet<>(first).size(), "ids are unique in " + id);
    }
  }

  @Test
  void itemsAnswersCarryAnETagAndAnswer304WhenItMatches() throws java.io.IOException {
    String url = ogc + "/collections/patrol/items?limit=5";
    HttpResponse<byte[]> first = get(url);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals(etag, get(url).headers().firstValue("ETag").orElseThrow(), "same page, same ETag");
    HttpResponse<byte[]> again = get(url, "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertNotEquals(etag, get(url + "&offset=5").headers().firstValue("ETag").orElseThrow());
    assertNotEquals(
        etag, get(url + "&datetime=2016-06-01").headers().firstValue("ETag").orElseThrow());
    assertNotEquals(etag, get(url + "&f=json").headers().firstValue("ETag").orElseThrow());
    String featureUrl = ogc + "/collections/areas/items/" + CHARLACK;
    String fTag = get(featureUrl).headers().firstValue("ETag").orElseThrow();
    assertEquals(304, get(featureUrl, "If-None-Match", fTag).statusCode());
    HttpResponse<byte[]> gz = get(url, "Accept-Encoding", "gzip");
    assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals(etag, gz.headers().firstValue("ETag").orElseThrow());
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertEquals(
          ids(TestHttp.json(first)),
          ids(TestHttp.JSON.readTree(in.readAllBytes())),
          "gzip holds the same page");
    }
  }

  // ---------- GeoJSON and content negotiation

  @Test
  void confGeojsonContent() {
    for (String id : COLLECTIONS) {
      HttpResponse<byte[]> r =
          get(ogc + "/collections/" + id + "/items?limit=20", "Accept", GEOJSON);
      assertEquals(GEOJSON, contentType(r));
      JsonNode fc = TestHttp.json(r);
      assertEquals("FeatureCollection", fc.get("type").asText());
      for (JsonNode f : fc.get("features")) {
        assertEquals("Feature", f.get("type").asText());
        assertTrue(f.get("id").isTextual());
        assertTrue(Set.of("Polygon", "MultiPolygon").contains(f.at("/geometry/type").asText()), id);
        assertTrue(f.get("properties").isObject());
        assertFalse(f.has("crs"), "RFC 7946: no crs member");
      }
      assertFalse(fc.has("crs"));
    }
  }

  @Test
  void confGeojsonDefinition() {
    JsonNode api = openApi();
    for (String id : COLLECTIONS) {
      assertTrue(
          api.at("/paths/~1collections~1" + id + "~1items/get/responses/200/content").has(GEOJSON),
          id);
      assertTrue(
          api.at("/paths/~1collections~1" + id + "~1items~1{featureId}/get/responses/200/content")
              .has(GEOJSON),
          id);
    }
  }

  @Test
  void formatParameterAndAcceptHeaderChooseTheMediaType() {
    String items = ogc + "/collections/areas/items?limit=2";
    assertEquals(GEOJSON, contentType(get(items)));
    assertEquals(GEOJSON, contentType(get(items, "Accept", "*/*")));
    assertEquals(
        GEOJSON, contentType(get(items, "Accept", "application/geo+json, application/json")));
    assertEquals("application/json", contentType(get(items, "Accept", "application/json")));
    assertEquals(
        "application/json",
        contentType(get(items, "Accept", "application/geo+json;q=0.5, application/json")));
    assertTrue(
        contentType(get(items, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"))
            .startsWith("text/html"),
        "a browser gets the HTML page");
    assertEquals(
        "application/json",
        contentType(get(items + "&f=json", "Accept", GEOJSON)),
        "f wins over Accept");
    assertEquals(GEOJSON, contentType(get(items + "&f=geojson")));
    assertEquals("application/json", contentType(get(ogc + "/collections?f=json")));
    assertEquals(OPENAPI, contentType(get(ogc + "/api?f=json")));
    assertTrue(contentType(get(items, "Accept", "text/html")).startsWith("text/html"));
    assertTrue(contentType(get(items + "&f=html")).startsWith("text/html"));
    assertEquals(
        "not_acceptable",
        assertError(406, items, "Accept", "application/xml").get("type").asText());
    assertError(406, ogc, "Accept", "application/xml");
    assertError(406, items, "Accept", "application/geo+json;q=0, text/html;q=0");
    assertTrue(assertError(400, ogc + "/api?f=html").at("/details/f").isTextual());
    for (String bad : List.of("xml", "JSON", "")) {
      assertTrue(assertError(400, items + "&f=" + enc(bad)).at("/details/f").isTextual(), bad);
      assertError(400, ogc + "/collections?f=" + enc(bad));
    }
  }

  // ---------- Part 2: coordinate reference systems by reference (/conf/crs)

  private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  private static final List<String> CRSS =
      List.of(
          CRS84,
          "http://www.opengis.net/def/crs/EPSG/0/4326",
          "http://www.opengis.net/def/crs/EPSG/0/4269",
          "http://www.opengis.net/def/crs/EPSG/0/3857",
          "http://www.opengis.net/def/crs/EPSG/0/26915",
          "http://www.opengis.net/def/crs/EPSG/0/26996");
  private static final String CLAYTON = "2914572";

  private static String epsg(int code) {
    return "http://www.opengis.net/def/crs/EPSG/0/" + code;
  }

  /** PostGIS's ST_Transform of a CRS84 point into an EPSG code, as x, y. */
  private static double[] postgisTransform(double lon, double lat, int srid) throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(TestServer.config().dbUrl());
        java.sql.PreparedStatement st =
            c.prepareStatement(
                "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), ?) p")) {
      st.setDouble(1, lon);
      st.setDouble(2, lat);
      st.setInt(3, srid);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        return new double[] {rs.getDouble(1), rs.getDouble(2)};
      }
    }
  }

  @Test
  void confCrsCollectionsListTheirCrsAndStorageCrs() {
    JsonNode all = json(ogc + "/collections");
    for (JsonNode c : all.get("collections")) {
      List<String> crs = new ArrayList<>();
      c.get("crs").forEach(x -> crs.add(x.asText()));
      assertEquals(CRSS, crs, c.get("id").asText());
      assertEquals(CRS84, c.get("storageCrs").asText());
    }
    for (String id : COLLECTIONS) {
      JsonNode one = json(ogc + "/collections/" + id);
      assertEquals(CRS84, one.get("storageCrs").asText());
      assertEquals(CRSS.size(), one.get("crs").size());
    }
    Set<String> classes = new TreeSet<>();
    json(ogc + "/conformance").get("conformsTo").forEach(x -> classes.add(x.asText()));
    assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"));
  }

  @Test
  void confCrsFcCrsAndBboxCrsDefinitions() {
    JsonNode api = openApi();
    for (String name : List.of("crs", "bbox-crs")) {
      JsonNode spec =
          parse(
              "{\"name\":\""
                  + name
                  + "\",\"in\":\"query\",\"required\":false,"
                  + "\"schema\":{\"type\":\"string\",\"format\":\"uri\"},"
                  + "\"style\":\"form\",\"explode\":false}");
      for (String id : COLLECTIONS) {
        assertEquals(spec, fragment(itemsParameters(api, id).get(name)), name + " on " + id);
      }
    }
  }

  @Test
  void confCrsContentCrsHeaderNamesTheCrsOfEveryAnswer() {
    for (String id : COLLECTIONS) {
      HttpResponse<byte[]> plain = get(ogc + "/collections/" + id + "/items?limit=1");
      assertEquals("<" + CRS84 + ">", plain.headers().firstValue("Content-Crs").orElse(""), id);
      for (String crs : CRSS) {
        HttpResponse<byte[]> r = get(ogc + "/collections/" + id + "/items?limit=1&crs=" + enc(crs));
        assertEquals(200, r.statusCode(), crs);
        assertEquals("<" + crs + ">", r.headers().firstValue("Content-Crs").orElse(""), crs);
      }
    }
    HttpResponse<byte[]> one =
        get(ogc + "/collections/areas/items/" + CLAYTON + "?crs=" + enc(epsg(26996)));
    assertEquals("<" + epsg(26996) + ">", one.headers().firstValue("Content-Crs").orElse(""));
  }

  @Test
  void confCrsReprojectionEqualsPostgisWithinOneCentimetre() throws Exception {
    double lon = -90.3237;
    double lat = 38.6426; // Clayton, the County seat
    org.locationtech.jts.geom.Point p =
        new GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
    for (int code : new int[] {3857, 26915, 26996}) {
      Crs crs = Crs.of(epsg(code)).orElseThrow();
      org.locationtech.jts.geom.Coordinate ours = Reprojection.to(crs).geometry(p).getCoordinate();
      double[] theirs = postgisTransform(lon, lat, code);
      assertEquals(theirs[0], ours.x, 0.01, "x in EPSG:" + code);
      assertEquals(theirs[1], ours.y, 0.01, "y in EPSG:" + code);
    }
    for (int code : new int[] {4326, 4269}) {
      Crs crs = Crs.of(epsg(code)).orElseThrow();
      org.locationtech.jts.geom.Coordinate ours = Reprojection.to(crs).geometry(p).getCoordinate();
      double[] theirs = postgisTransform(lon, lat, code);
      assertEquals(theirs[1], ours.x, 1e-7, "latitude first in EPSG:" + code);
      assertEquals(theirs[0], ours.y, 1e-7, "longitude second in EPSG:" + code);
    }
  }

  @Test
  void confCrsItemsInMissouriEastStatePlaneMatchPostgis() throws Exception {
    JsonNode lonLat = json(ogc + "/collections/areas/items/" + CLAYTON);
    JsonNode spcs = json(ogc + "/collections/areas/items/" + CLAYTON + "?crs=" + enc(epsg(26996)));
    JsonNode latLon = json(ogc + "/collections/areas/items/" + CLAYTON + "?crs=" + enc(epsg(4326)));
    JsonNode a = firstPosition(lonLat.at("/geometry/coordinates"));
    JsonNode b = firstPosition(spcs.at("/geometry/coordinates"));
    JsonNode c = firstPosition(latLon.at("/geometry/coordinates"));
    double[] theirs = postgisTransform(a.get(0).asDouble(), a.get(1).asDouble(), 26996);
    // the CRS84 answer is rounded to 6 decimals (about 0.1 m), so allow 0.2 m here; the exact
    // comparison is confCrsReprojectionEqualsPostgisWithinOneCentimetre
    assertEquals(theirs[0], b.get(0).asDouble(), 0.2);
    assertEquals(theirs[1], b.get(1).asDouble(), 0.2);
    assertTrue(b.get(0).asDouble() > 200_000 && b.get(1).asDouble() > 250_000, "metres: " + b);
    assertEquals(a.get(1).asDouble(), c.get(0).asDouble(), 1e-6, "EPSG:4326 is latitude first");
    assertEquals(a.get(0).asDouble(), c.get(1).asDouble(), 1e-6);
    JsonNode page = json(ogc + "/collections/areas/items?limit=2&crs=" + enc(epsg(26996)));
    assertTrue(
        link(page, "next").get("href").asText().contains("crs=" + epsg(26996)),
        "the next link keeps the crs");
  }

  private static JsonNode firstPosition(JsonNode coordinates) {
    JsonNode n = coordinates;
    while (n.get(0).isArray()) {
      n = n.get(0);
    }
    return n;
  }

  @Test
  void confCrsBboxCrsSelectsTheSameFeaturesAsTheCrs84Box() throws Exception {
    String items = ogc + "/collections/areas/items?limit=1000";
    Set<String> crs84 = new TreeSet<>(ids(json(items + "&bbox=-90.36,38.69,-90.33,38.72")));
    Set<String> latLon =
        new TreeSet<>(
            ids(json(items + "&bbox=38.69,-90.36,38.72,-90.33&bbox-crs=" + enc(epsg(4326)))));
    assertEquals(crs84, latLon, "EPSG:4326 boxes are latitude first");
    double[] sw = postgisTransform(-90.345, 38.70, 26996);
    double[] ne = postgisTransform(-90.335, 38.705, 26996);
    JsonNode spcs =
        json(
            items
                + "&bbox="
                + sw[0]
                + ","
                + sw[1]
                + ","
                + ne[0]
                + ","
                + ne[1]
                + "&bbox-crs="
                + enc(epsg(26996)));
    assertTrue(ids(spcs).contains(CHARLACK), "a State Plane box around Charlack: " + ids(spcs));
    assertTrue(crs84.containsAll(ids(spcs)));
    JsonNode next =
        link(
            json(
                items.replace("1000", "1")
                    + "&bbox=38.69,-90.36,38.72,-90.33&bbox-crs="
                    + enc(epsg(4326))),
            "next");
    assertTrue(next.get("href").asText().contains("bbox-crs="), "the next link keeps bbox-crs");
  }

  @Test
  void confCrsUnknownCrsOrBboxCrsWithoutBboxAnswers400() {
    String items = ogc + "/collections/areas/items";
    for (String bad :
        List.of(
            "http://www.opengis.net/def/crs/EPSG/0/2263",
            "EPSG:4326",
            "",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS83",
            "x".repeat(500))) {
      assertTrue(assertError(400, items + "?crs=" + enc(bad)).at("/details/crs").isTextual(), bad);
      assertTrue(
          assertError(400, items + "?bbox=0,0,1,1&bbox-crs=" + enc(bad))
              .at("/details/bbox-crs")
              .isTextual(),
          bad);
      assertError(400, items + "/" + CLAYTON + "?crs=" + enc(bad));
    }
    assertTrue(
        assertError(400, items + "?bbox-crs=" + enc(epsg(4326)))
            .at("/details/bbox-crs")
            .isTextual());
    for (String box : List.of("1e9,0,2e9,1", "300000,400000,200000,500000", "1,2,3")) {
      assertTrue(
          assertError(400, items + "?bbox=" + enc(box) + "&bbox-crs=" + enc(epsg(26996)))
              .at("/details/bbox")
              .isTextual(),
          box);
    }
  }

  // ---------- Part 3: filtering with CQL2 (/conf/filter, /conf/features-filter, /conf/queryables)

  private static final String CONTRACTS_JSON_FILTER =
      "{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"agency_id\"},\"slcpd\"]},"
          + "{\"op\":\"=\",\"args\":[{\"property\":\"function\"},\"dispatch\"]}]}";

  private static Set<String> filtered(String collection, String query) {
    Set<String> out = new TreeSet<>();
    for (JsonNode page :
        allPages(ogc + "/collections/" + collection + "/items?limit=1000&" + query)) {
      out.addAll(ids(page));
    }
    return out;
  }

  @Test
  void confQueryablesListThePropertiesAsJsonSchema() {
    for (String id : COLLECTIONS) {
      JsonNode collection = json(ogc + "/collections/" + id);
      JsonNode link = link(collection, "http://www.opengis.net/def/rel/ogc/1.0/queryables");
      assertNotNull(link, id);
      HttpResponse<byte[]> r = get(link.get("href").asText());
      assertEquals(200, r.statusCode());
      assertEquals("application/schema+json", contentType(r), id);
      JsonNode schema = TestHttp.json(r);
      assertEquals("object", schema.get("type").asText());
      assertEquals(link.get("href").asText(), schema.get("$id").asText());
      assertTrue(schema.at("/properties/geometry").isObject(), id);
      assertFalse(schema.get("additionalProperties").asBoolean(true));
    }
    JsonNode patrol = json(ogc + "/collections/patrol/queryables");
    assertEquals("string", patrol.at("/properties/agency_id/type").asText());
    assertEquals("number", patrol.at("/properties/area_count/type").asText());
    assertEquals("date", patrol.at("/properties/date/format").asText());
    assertTrue(patrol.at("/properties/areas").isMissingNode(), "lists are not queryable");
  }

  @Test
  void confFilterDefinitionsEqualTheSpecFragments() {
    JsonNode api = openApi();
    JsonNode filter =
        parse(
            "{\"name\":\"filter\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"string\"},"
                + "\"style\":\"form\",\"explode\":false}");
    JsonNode lang =
        parse(
            "{\"name\":\"filter-lang\",\"in\":\"query\",\"required\":false,"
                + "\"schema\":{\"type\":\"string\",\"enum\":[\"cql2-text\",\"cql2-json\"],\"default\":\"cql2-text\"},"
                + "\"style\":\"form\",\"explode\":false}");
    for (String id : COLLECTIONS) {
      assertEquals(filter, fragment(itemsParameters(api, id).get("filter")), id);
      assertEquals(lang, fragment(itemsParameters(api, id).get("filter-lang")), id);
      assertTrue(api.get("paths").has("/collections/" + id + "/queryables"), id);
    }
  }

  @Test
  void confFilterCql2TextEqualsTheMatchingApiLayersFeatures() {
    Set<String> cql =
        filtered("patrol", "filter=" + enc("agency_id = 'slcpd' AND status = 'known'"));
    Set<String> expected = new TreeSet<>();
    for (JsonNode f : apiLayer("patrol", "").get("features")) {
      if (f.at("/properties/agency_id").asText().equals("slcpd")
          && f.at("/properties/status").asText().equals("known")) {
        expected.add(f.get("id").asText());
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected, cql);
    assertEquals(new TreeSet<>(ids(apiLayer("patrol", "?agency=slcpd"))), cql);
    assertEquals(
        new TreeSet<>(ids(apiLayer("contracts", "?agency=slcpd"))),
        filtered("contracts", "filter=" + enc("agency_id='slcpd'")));
    // the JSON encoding says the same
    Set<String> dispatchContracts = new TreeSet<>();
    for (JsonNode f : apiLayer("contracts", "?agency=slcpd").get("features")) {
      if (f.at("/properties/function").asText().equals("dispatch")) {
        dispatchContracts.add(f.get("id").asText());
      }
    }
    assertEquals(
        dispatchContracts,
        filtered("contracts", "filter-lang=cql2-json&filter=" + enc(CONTRACTS_JSON_FILTER)));
    Set<String> patrolContracts = new TreeSet<>();
    for (JsonNode f : apiLayer("contracts", "").get("features")) {
      if (f.at("/properties/function").asText().equals("patrol")) {
        patrolContracts.add(f.get("id").asText());
      }
    }
    assertFalse(patrolContracts.isEmpty());
    assertEquals(
        patrolContracts,
        filtered(
            "contracts",
            "filter-lang=cql2-json&filter="
                + enc("{\"op\":\"=\",\"args\":[{\"property\":\"function\"},\"patrol\"]}")));
    assertEquals(
        dispatchContracts,
        filtered(
            "contracts", "filter=" + enc("agency_id = 'slcpd' and \"function\" = 'dispatch'")));
  }

  @Test
  void confFilterOperatorsNullsDatesNumbersAndSpatial() {
    Set<String> all = new TreeSet<>(ids(apiLayer("patrol", "")));
    Set<String> unknown = filtered("patrol", "filter=" + enc("agency_id IS NULL"));
    Set<String> known = filtered("patrol", "filter=" + enc("NOT (agency_id IS NULL)"));
    assertEquals(filtered("patrol", "filter=" + enc("status = 'unknown'")), unknown);
    assertEquals(filtered("patrol", "filter=" + enc("agency_id IS NOT NULL")), known);
    Set<String> union = new TreeSet<>(unknown);
    union.addAll(known);
    assertEquals(all, union);
    assertEquals(all, filtered("patrol", "filter=" + enc("status = 'known' OR status <> 'known'")));
    Set<String> big = filtered("patrol", "filter=" + enc("area_count >= 3"));
    Set<String> small = filtered("patrol", "filter=" + enc("area_count < 3"));
    assertFalse(big.isEmpty());
    assertEquals(all.size(), big.size() + small.size());
    assertEquals(
        filtered("patrol", "datetime=2016-06-01"),
        filtered("patrol", "datetime=2016-06-01&filter=" + enc("date = DATE('2016-06-01')")));
    assertTrue(
        filtered("patrol", "datetime=2016-06-01&filter=" + enc("date > DATE('2016-06-01')"))
            .isEmpty());
    // spatial: Charlack's centre lies in the feature of the agency that patrols it
    Set<String> here =
        filtered("areas", "filter=" + enc("S_INTERSECTS(geometry, POINT(-90.34008 38.70238))"));
    assertEquals(Set.of(CHARLACK), here);
    assertEquals(
        filtered("areas", "bbox=-90.36,38.69,-90.33,38.72"),
        filtered(
            "areas", "filter=" + enc("S_INTERSECTS(geometry, BBOX(-90.36,38.69,-90.33,38.72))")));
    assertEquals(
        filtered("areas", "bbox=-90.36,38.69,-90.33,38.72"),
        filtered(
            "areas",
            "filter="
                + enc(
                    "S_INTERSECTS(geometry, POLYGON((-90.36 38.69, -90.33 38.69, -90.33 38.72,"
                        + " -90.36 38.72, -90.36 38.69)))")));
    assertEquals(
        Set.of(CHARLACK),
        filtered(
            "areas",
            "filter-lang=cql2-json&filter="
                + enc(
                    "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},"
                        + "{\"type\":\"Point\",\"coordinates\":[-90.34008,38.70238]}]}")));
    JsonNode page =
        json(ogc + "/collections/patrol/items?limit=1&filter=" + enc("status = 'known'"));
    assertTrue(
        link(page, "next").get("href").asText().contains("filter="), "next keeps the filter");
  }

  @Test
  void thirtyMalformedFiltersEachAnswer400NamingTheFilter() {
    List<String> text =
        List.of(
            "agency_id = ",
            "agency_id = 'slcpd",
            "(agency_id = 'slcpd'",
            "agency_id = 'slcpd')",
            "agency_id == 'slcpd'",
            "nosuch = 1",
            "\"nosuch\" = 'x'",
            "agency_id = 1",
            "area_count = 'three'",
            "area_count > TRUE",
            "date = DATE('2016-13-01')",
            "date = TIMESTAMP('yesterday')",
            "LOWER(agency_id) = 'slcpd'",
            "agency_id LIKE 'slc%'",
            "agency_id = 'a' AND",
            "AND agency_id = 'a'",
            "agency_id IS 'x'",
            "geometry = 'x'",
            "S_INTERSECTS(geometry)",
            "S_INTERSECTS(geometry, POINT(1))",
            "S_INTERSECTS(agency_id, POINT(-90 38))",
            "S_INTERSECTS(geometry, BBOX(-90,39,-91,38))",
            "S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))",
            "S_CONTAINS(geometry, POINT(-90 38))",
            "(".repeat(30) + "status = 'known'" + ")".repeat(30),
            "NOT ".repeat(40) + "status = 'known'",
            String.join(" OR ", java.util.Collections.nCopies(250, "status = 'known'")),
            "status = '" + "x".repeat(5000) + "'",
            "status = 'known' ; DROP TABLE area",
            "S_INTERSECTS(geometry, POINT(500 500))");
    assertEquals(30, text.size());
    for (String bad : text) {
      JsonNode e = assertError(400, ogc + "/collections/patrol/items?filter=" + enc(bad));
      assertTrue(e.at("/details/filter").isTextual(), bad);
    }
    for (String bad :
        List.of(
            "{",
            "[]",
            "{\"op\":\"=\",\"args\":[{\"property\":\"nosuch\"},1]}",
            "{\"op\":\"like\",\"args\":[{\"property\":\"status\"},\"k%\"]}",
            "{\"op\":\"and\",\"args\":[true]}",
            "[".repeat(200) + "]".repeat(200))) {
      JsonNode e =
          assertError(
              400, ogc + "/collections/patrol/items?filter-lang=cql2-json&filter=" + enc(bad));
      assertTrue(e.at("/details/filter").isTextual(), bad);
    }
    assertTrue(
        assertError(400, ogc + "/collections/patrol/items?filter=x&filter-lang=ecql")
            .at("/details/filter-lang")
            .isTextual());
    JsonNode at =
        assertError(
            400, ogc + "/collections/patrol/items?filter=" + enc("status = 'x' AND nosuch = 1"));
    assertTrue(at.at("/details/filter").asText().contains("position 18"), at.toString());
  }

  // ---------- OpenAPI 3.0

  @Test
  void confOas30Definition() {
    String text = new String(get(ogc + "/api").body(), StandardCharsets.UTF_8);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, null);
    assertNotNull(parsed.getOpenAPI(), "parses as OpenAPI");
    assertEquals(List.of(), parsed.getMessages(), "the OpenAPI 3.0 validator reports nothing");
    assertFalse(text.contains("\"security\""), "no security member (and never \"security\": null)");
    assertFalse(text.contains(":null"), "no null members");
  }

  @Test
  void confOas30DefinitionListsExactlyTheParametersTheServerAccepts() {
    JsonNode api = openApi();
    for (String id : COLLECTIONS) {
      for (String path :
          List.of(
              "/collections/" + id,
              "/collections/" + id + "/items",
              "/collections/" + id + "/items/{featureId}")) {
        assertTrue(api.get("paths").has(path), path);
      }
      Set<String> documented = new TreeSet<>(itemsParameters(api, id).keySet());
      JsonNode e = assertError(400, ogc + "/collections/" + id + "/items?undocumented=1");
      Set<String> allowed = new TreeSet<>();
      e.at("/details/allowed").forEach(a -> allowed.add(a.asText()));
      assertEquals(documented, allowed, "documented = accepted for " + id);
      JsonNode featureParams =
          api.at("/paths/~1collections~1" + id + "~1items~1{featureId}/get/parameters");
      Set<String> featureQuery = new TreeSet<>();
      featureParams.forEach(
          p -> {
            JsonNode r = parameter(api, p);
            if (r.get("in").asText().equals("query")) {
              featureQuery.add(r.get("name").asText());
            }
          });
      Set<String> featureAllowed = new TreeSet<>();
      assertError(400, ogc + "/collections/" + id + "/items/x?undocumented=1")
          .at("/details/allowed")
          .forEach(a -> featureAllowed.add(a.asText()));
      assertEquals(featureQuery, featureAllowed, "feature parameters of " + id);
    }
    Map<String, String> samples =
        pairs(
            "limit",
            "5",
            "offset",
            "1",
            "bbox",
            "-90.5,38.5,-90.2,38.8",
            "datetime",
            "2016-06-01",
            "f",
            "json",
            "agency",
            "slcpd",
            "agency_id",
            "slcpd",
            "function",
            "patrol",
            "crs",
            "http://www.opengis.net/def/crs/EPSG/0/26996",
            "bbox-crs",
            CRS84,
            "filter-lang",
            "cql2-text");
    for (String id : COLLECTIONS) {
      for (String p : itemsParameters(api, id).keySet()) {
        String url =
            ogc
                + "/collections/"
                + id
                + "/items?"
                + p
                + "="
                + enc(
                    p.equals("filter") ? firstQueryable(ogc, id) + " IS NOT NULL" : samples.get(p))
                + (p.equals("bbox-crs") ? "&bbox=" + samples.get("bbox") : "");
        assertEquals(200, get(url).statusCode(), url);
      }
    }
  }

  /** A non-spatial property the collection's queryables list (every collection has its own). */
  private static String firstQueryable(String ogc, String id) {
    JsonNode q = json(ogc + "/collections/" + id + "/queryables").path("properties");
    for (java.util.Iterator<String> it = q.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("geometry")) {
        return name;
      }
    }
    throw new AssertionError("no queryable property in " + id);
  }

  private static Map<String, String> pairs(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------- public URL

  @Test
  void linksUsePatrolmapPublicUrlWhenSet() {
    AppConfig c = TestServer.config();
    AppConfig cfg =
        new AppConfig(
            0,
            c.dbUrl(),
            c.dataMirror(),
            c.projectDir(),
            c.geocoderUrl(),
            c.geocoderTimeout(),
            c.tileUrl(),
            c.tileAttribution(),
            "https://patrolmap.example.org",
            c.adminToken(),
            c.reloadInterval(),
            c.webDir(),
            c.nenaDiscrepancyAgencyId());
    try (App.Running r = App.start(cfg)) {
      String local = "http://127.0.0.1:" + r.server().port() + "/ogc";
      JsonNode landing = json(local);
      landing
          .get("links")
          .forEach(
              l ->
                  assertTrue(
                      l.get("href").asText().startsWith("https://patrolmap.example.org/ogc"),
                      l.toString()));
      JsonNode page = json(local + "/collections/areas/items?limit=2");
      assertEquals(
          "https://patrolmap.example.org/ogc/collections/areas/items?limit=2&offset=2",
          link(page, "next").get("href").asText());
      assertEquals(
          "https://patrolmap.example.org/ogc", json(local + "/api").at("/servers/0/url").asText());
    }
  }
}
