package org.patrolmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * The HTML encoding of the OGC resources ({@code /conf/html}) on the tiny dataset: every resource
 * with an HTML form answers {@code f=html} and a browser's Accept header with an HTML 5 page that
 * holds every link of its JSON form as an anchor, carries the web map's CSP and no inline script,
 * and escapes data; errors asked for as HTML are pages with the same status.
 */
class HtmlEncodingTest {
  private static final TinyServer server = TinyServer.shared();
  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
  private static final List<String> PAGES =
      List.of(
          "/ogc",
          "/ogc/conformance",
          "/ogc/collections",
          "/ogc/collections/areas",
          "/ogc/collections/areas/items?limit=2",
          "/ogc/collections/patrol/items",
          "/ogc/collections/areas/items/" + TinyDataset.DUNMORE);

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static String type(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }

  private static String withF(String path, String f) {
    return path + (path.contains("?") ? "&" : "?") + "f=" + f;
  }

  @Test
  void everyResourceWithAnHtmlFormAnswersFHtmlWithAPageHoldingEveryLinkOfItsJsonForm() {
    String csp =
        TestHttp.get(server.url("/")).headers().firstValue("Content-Security-Policy").get();
    for (String path : PAGES) {
      HttpResponse<byte[]> r = TestHttp.get(server.url(withF(path, "html")));
      assertEquals(200, r.statusCode(), path);
      assertTrue(type(r).startsWith("text/html"), path);
      assertTrue(type(r).toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8"), path);
      assertEquals(csp, r.headers().firstValue("Content-Security-Policy").orElse(""), path);
      String html = text(r);
      assertTrue(html.startsWith("<!doctype html>"), path);
      assertNoInlineScript(html, path);
      JsonNode json = TestHttp.json(TestHttp.get(server.url(withF(path, "json"))));
      for (JsonNode l : json.path("links")) {
        String href = l.get("href").asText();
        if (l.get("rel").asText().equals("self") || l.get("rel").asText().equals("alternate")) {
          continue; // the page's own self and alternates differ from the JSON form's
        }
        assertTrue(
            html.contains("href=\"" + HtmlPages.esc(href) + "\"")
                || html.contains("href=\"" + HtmlPages.esc(Links.withFormat(href, "html")) + "\""),
            path + " links to " + href);
      }
    }
  }

  @Test
  void aBrowsersAcceptHeaderGetsHtmlAndAnyTypeGetsJson() {
    for (String path : PAGES) {
      assertTrue(
          type(TestHttp.get(server.url(path), "Accept", BROWSER)).startsWith("text/html"), path);
      assertFalse(
          type(TestHttp.get(server.url(path), "Accept", "*/*")).startsWith("text/html"), path);
    }
  }

  @Test
  void jsonDocumentsLinkTheirHtmlFormAsAlternate() {
    for (String path : PAGES) {
      if (path.endsWith("/conformance")) {
        continue; // the conformance declaration has no links
      }
      JsonNode json = TestHttp.json(TestHttp.get(server.url(path)));
      boolean found = false;
      for (JsonNode l : json.path("links")) {
        if (l.get("rel").asText().equals("alternate")
            && l.get("type").asText().equals("text/html")) {
          found = true;
          HttpResponse<byte[]> page = TestHttp.get(l.get("href").asText());
          assertEquals(200, page.statusCode(), l.toString());
          assertTrue(type(page).startsWith("text/html"), l.toString());
        }
      }
      assertTrue(found, path + " has an alternate text/html link");
    }
  }

  @Test
  void itemsPageHasAMapFedByTheGeoJsonFormAndHtmlPagingLinks() {
    String html = text(TestHttp.get(server.url("/ogc/collections/areas/items?limit=2&f=html")));
    Matcher m = Pattern.compile("data-geojson=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "the page has a map");
    String geojson = m.group(1).replace("&amp;", "&");
    HttpResponse<byte[]> data = TestHttp.get(geojson);
    assertEquals("application/geo+json", type(data));
    assertEquals(2, TestHttp.json(data).get("features").size());
    assertTrue(html.contains("offset=2&amp;f=html\">Next page"), "next page in HTML");
    assertTrue(html.contains("/webjars/leaflet/1.9.4/dist/leaflet.js\""));
    assertTrue(html.contains("/js/ogc-map.js\""));
    for (String asset :
        List.of("/js/ogc-map.js", "/css/ogc.css", "/webjars/leaflet/1.9.4/dist/leaflet.js")) {
      assertEquals(200, TestHttp.get(server.url(asset)).statusCode(), asset);
    }
    String second =
        text(TestHttp.get(server.url("/ogc/collections/areas/items?limit=2&offset=2&f=html")));
    assertTrue(second.contains("Previous page"));
  }

  @Test
  void dataIsEscapedNeverMarkup() throws Exception {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("name", "<script>alert(1)</script>");
    props.put("note", "\"><img src=x onerror=alert(2)>");
    LayerFeature f =
        Layers.feature("x\"<b>", new WKTReader().read("POLYGON ((0 0, 1 0, 1 1, 0 0))"), props);
    String table = HtmlPages.features(List.of(f), "http://h/ogc/collections/c/items");
    assertFalse(table.contains("<script>"));
    assertFalse(table.contains("<img"));
    assertFalse(table.contains("<b>"));
    assertTrue(table.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(table.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
  }

  @Test
  void badRequestsAskedForAsHtmlAreErrorPagesWithTheSameStatus() {
    for (String bad :
        List.of(
            "/ogc/collections/areas/items?limit=0&f=html",
            "/ogc/collections/areas/items?bbox=1,2,3&f=html",
            "/ogc/collections/areas/items?nonsense=1&f=html",
            "/ogc/collections/nowhere?f=html",
            "/ogc/collections/areas/items/nothing?f=html")) {
      HttpResponse<byte[]> r = TestHttp.get(server.url(bad));
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, bad);
      assertTrue(type(r).startsWith("text/html"), bad);
      assertNoInlineScript(text(r), bad);
    }
    HttpResponse<byte[]> browser =
        TestHttp.get(server.url("/ogc/collections/areas/items?limit=%3Cb%3E"), "Accept", BROWSER);
    assertEquals(400, browser.statusCode());
    assertTrue(text(browser).contains("&lt;b&gt;"), "the echoed value is escaped");
    HttpResponse<byte[]> client = TestHttp.get(server.url("/ogc/collections/areas/items?limit=0"));
    assertEquals(400, client.statusCode());
    assertTrue(type(client).startsWith("application/json"));
    HttpResponse<byte[]> api = TestHttp.get(server.url("/ogc/api?f=html"));
    assertEquals(400, api.statusCode());
    assertTrue(type(api).startsWith("application/json"));
  }

  private static void assertNoInlineScript(String html, String where) {
    Matcher m = Pattern.compile("<script([^>]*)>").matcher(html);
    while (m.find()) {
      assertTrue(m.group(1).contains("src="), where + ": inline script " + m.group());
    }
    assertFalse(
        html.contains(" on") && Pattern.compile("\\son[a-z]+=").matcher(html).find(), where);
  }
}
