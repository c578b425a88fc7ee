package org.patrolmap.ogc;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.layers.LayerFeature;

/**
 * The HTML encoding of the OGC resources ({@code /conf/html}): HTML 5 pages showing everything the
 * JSON documents hold and every link as an {@code <a>}, with navigation to the HTML form of the
 * other resources and, for features, a small Leaflet map drawn by the static module {@code
 * /js/ogc-map.js} (no inline script: the pages carry the map's Content-Security-Policy). Every
 * value is HTML-escaped; data is never written as markup.
 */
final class HtmlPages {
  /** Leaflet from its WebJar, as the web map loads it. */
  static final String LEAFLET = "/webjars/leaflet/1.9.4/dist/";

  private HtmlPages() {}

  /** Escapes text for an element's content or a double-quoted attribute value. */
  static String esc(Object value) {
    String s = value == null ? "" : value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The same URL asking for {@code f=html} (any {@code f} it had replaced): links in the JSON
   * documents name the JSON forms; a page links the HTML form of the resources it navigates to.
   */
  static String htmlHref(String href) {
    return Links.withFormat(href, "html");
  }

  /** A whole page. */
  static byte[] page(String base, String title, List<String[]> crumbs, String body, boolean map) {
    StringBuilder sb = new StringBuilder(4096 + body.length());
    sb.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append(" – patrolmap OGC API</title>\n")
        .append("<link rel=\"icon\" href=\"")
        .append(esc(base))
        .append("/favicon.svg\" type=\"image/svg+xml\">\n");
    if (map) {
      sb.append("<link rel=\"stylesheet\" href=\"")
          .append(esc(base + LEAFLET))
          .append("leaflet.css\">\n")
          .append("<script src=\"")
          .append(esc(base + LEAFLET))
          .append("leaflet.js\" defer></script>\n")
          .append("<script type=\"module\" src=\"")
          .append(esc(base))
          .append("/js/ogc-map.js\"></script>\n");
    }
    sb.append("<link rel=\"stylesheet\" href=\"")
        .append(esc(base))
        .append(
            "/css/ogc.css\">\n</head>\n<body>\n<nav class=\"crumbs\" aria-label=\"Breadcrumb\">");
    for (int i = 0; i < crumbs.size(); i++) {
      String[] c = crumbs.get(i);
      sb.append(i == 0 ? "" : " › ");
      if (i == crumbs.size() - 1) {
        sb.append("<span aria-current=\"page\">").append(esc(c[0])).append("</span>");
      } else {
        sb.append("<a href=\"").append(esc(c[1])).append("\">").append(esc(c[0])).append("</a>");
      }
    }
    sb.append("</nav>\n<main>\n<h1>")
        .append(esc(title))
        .append("</h1>\n")
        .append(body)
        .append("</main>\n</body>\n</html>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Breadcrumbs from the landing page down: pairs of label and (HTML) URL. */
  static List<String[]> crumbs(String ogc, String... labelsAndPaths) {
    List<String[]> out = new java.util.ArrayList<>();
    out.add(new String[] {"patrolmap OGC API", htmlHref(ogc)});
    for (int i = 0; i < labelsAndPaths.length; i += 2) {
      out.add(new String[] {labelsAndPaths[i], htmlHref(ogc + labelsAndPaths[i + 1])});
    }
    return out;
  }

  /**
   * A JSON document's members as a definition list (nested maps as nested lists, lists of values
   * joined, {@code links} as a list of anchors), skipping the members in {@code skip}.
   */
  static String members(Map<String, Object> doc, Set<String> skip) {
    StringBuilder sb = new StringBuilder("<dl class=\"members\">\n");
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (skip.contains(e.getKey())) {
        continue;
      }
      sb.append("<dt>").append(esc(e.getKey())).append("</dt><dd>");
      if (e.getKey().equals("links") && e.getValue() instanceof List<?> l) {
        sb.append(links(l));
      } else {
        sb.append(value(e.getValue()));
      }
      sb.append("</dd>\n");
    }
    return sb.append("</dl>\n").toString();
  }

  /** A value of a document or a feature property, escaped. */
  static String value(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("<dl>");
      m.forEach((k, x) -> sb.append("<dt>").append(esc(k)).append("</dt><dd>").append(value(x)));
      return sb.append("</dl>").toString();
    }
    if (v instanceof Collection<?> c) {
      if (c.stream().anyMatch(x -> x instanceof Map<?, ?> || x instanceof Collection<?>)) {
        StringBuilder sb = new StringBuilder("<ol>");
        c.forEach(x -> sb.append("<li>").append(value(x)).append("</li>"));
        return sb.append("</ol>").toString();
      }
      return esc(String.join(", ", c.stream().map(x -> x == null ? ".." : x.toString()).toList()));
    }
    return esc(v);
  }

  /** Links as a list of anchors with their relation and media type. */
  static String links(List<?> links) {
    StringBuilder sb = new StringBuilder("<ul class=\"links\">");
    for (Object o : links) {
      if (o instanceof Map<?, ?> l) {
        sb.append("<li><a href=\"")
            .append(esc(l.get("href")))
            .append("\" rel=\"")
            .append(esc(l.get("rel")))
            .append("\" type=\"")
            .append(esc(l.get("type")))
            .append("\">")
            .append(esc(l.get("title") == null ? l.get("href") : l.get("title")))
            .append("</a> <span class=\"rel\">")
            .append(esc(l.get("rel")))
            .append(", ")
            .append(esc(l.get("type")))
            .append("</span></li>");
      }
    }
    return sb.append("</ul>").toString();
  }

  /** An anchor to the HTML form of a resource. */
  static String a(String href, String text) {
    return "<a href=\"" + esc(htmlHref(href)) + "\">" + esc(text) + "</a>";
  }

  /**
   * The map element: {@code /js/ogc-map.js} draws the GeoJSON at {@code data-geojson} on it, with
   * the configured base tiles (none when {@code tileUrl} is null).
   */
  static String map(String geojsonUrl, String itemsUrl, String tileUrl, String attribution) {
    StringBuilder sb =
        new StringBuilder("<div id=\"ogc-map\" class=\"ogc-map\" role=\"region\" ")
            .append("aria-label=\"Map of the features\" data-geojson=\"")
            .append(esc(geojsonUrl))
            .append("\" data-items=\"")
            .append(esc(itemsUrl))
            .append("\"");
    if (tileUrl != null) {
      sb.append(" data-tiles=\"")
          .append(esc(tileUrl))
          .append("\" data-attribution=\"")
          .append(esc(attribution))
          .append("\"");
    }
    return sb.append("></div>\n<p id=\"ogc-map-status\" class=\"status\" role=\"status\"></p>\n")
        .toString();
  }

  /**
   * Features as a table: id (linking to the feature's page) and one column per property of any
   * feature, in first-seen order.
   */
  static String features(List<LayerFeature> features, String itemsUrl) {
    Set<String> columns = new LinkedHashSet<>();
    features.forEach(f -> columns.addAll(f.properties().keySet()));
    StringBuilder sb = new StringBuilder("<div class=\"table\"><table>\n<thead><tr><th>id</th>");
    columns.forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
    sb.append("</tr></thead>\n<tbody>\n");
    for (LayerFeature f : features) {
      sb.append("<tr><td>")
          .append(a(itemsUrl + "/" + URLEncoder.encode(f.id(), StandardCharsets.UTF_8), f.id()))
          .append("</td>");
      for (String c : columns) {
        sb.append("<td>").append(value(f.properties().get(c))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</tbody></table></div>\n").toString();
  }

  /** The paging and format links of an items or feature page. */
  static String pager(List<Map<String, Object>> links) {
    StringBuilder sb = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages and formats\">");
    for (Map<String, Object> l : links) {
      String rel = (String) l.get("rel");
      String type = (String) l.get("type");
      String href = (String) l.get("href");
      String label =
          switch (rel) {
            case "prev" -> "‹ Previous page";
            case "next" -> "Next page ›";
            case "collection" -> "The collection";
            default -> null;
          };
      if (label != null) {
        sb.append(a(href, label)).append(' ');
      } else if (!ContentTypes.HTML.equals(type)) {
        sb.append("<a href=\"")
            .append(esc(href))
            .append("\" type=\"")
            .append(esc(type))
            .append("\">")
            .append(esc("as " + type))
            .append("</a> ");
      }
    }
    return sb.append("</nav>\n").toString();
  }

  /** Writes a page with the web map's Content-Security-Policy. */
  static void write(Context ctx, String csp, int status, byte[] page) {
    ctx.header("Content-Security-Policy", csp);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Vary", "Accept");
    ctx.status(status).contentType(ContentTypes.HTML + "; charset=utf-8").result(page);
  }

  static byte[] landing(String base, Map<String, Object> doc) {
    String ogc = base + OgcRoutes.ROOT;
    String body =
        "<p>"
            + esc(doc.get("description"))
            + "</p>\n<ul class=\"nav\"><li>"
            + a(ogc + "/collections", "Collections")
            + " — the layers, browsable with a map</li><li>"
            + a(ogc + "/conformance", "Conformance")
            + " — the conformance classes this server implements</li><li><a href=\""
            + esc(ogc + "/api")
            + "\">API definition</a> (OpenAPI 3.0, JSON)</li><li><a href=\""
            + esc(ogc + "/docs")
            + "\">Documentation</a> — connecting QGIS and GDAL</li></ul>\n<h2>Links</h2>\n"
            + members(doc, Set.of("title", "description"));
    return page(base, (String) doc.get("title"), crumbs(ogc), body, false);
  }

  static byte[] conformance(String base, Map<String, Object> doc) {
    String ogc = base + OgcRoutes.ROOT;
    StringBuilder sb = new StringBuilder("<ul class=\"conformance\">");
    for (Object uri : (List<?>) doc.get("conformsTo")) {
      sb.append("<li><a href=\"")
          .append(esc(uri))
          .append("\">")
          .append(esc(uri))
          .append("</a></li>");
    }
    sb.append("</ul>\n");
    return page(
        base, "Conformance", crumbs(ogc, "Conformance", "/conformance"), sb.toString(), false);
  }

  static byte[] collections(String base, Map<String, Object> doc) {
    String ogc = base + OgcRoutes.ROOT;
    StringBuilder sb =
        new StringBuilder(
            "<div class=\"table\"><table>\n<thead><tr><th>id</th><th>title</th><th>description</th>"
                + "<th>features</th></tr></thead>\n<tbody>\n");
    for (Object o : (List<?>) doc.get("collections")) {
      Map<?, ?> c = (Map<?, ?>) o;
      String href = ogc + "/collections/" + c.get("id");
      sb.append("<tr><td>")
          .append(a(href, (String) c.get("id")))
          .append("</td><td>")
          .append(esc(c.get("title")))
          .append("</td><td>")
          .append(esc(c.get("description")))
          .append("</td><td>")
          .append(a(href + "/items", "browse"))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n<h2>Details</h2>\n").append(members(doc, Set.of()));
    return page(
        base, "Collections", crumbs(ogc, "Collections", "/collections"), sb.toString(), false);
  }

  static byte[] collection(String base, Map<String, Object> doc) {
    String ogc = base + OgcRoutes.ROOT;
    String id = (String) doc.get("id");
    String href = ogc + "/collections/" + id;
    String body =
        "<p>"
            + esc(doc.get("description"))
            + "</p>\n<p>"
            + a(href + "/items", "Browse the features")
            + "</p>\n"
            + members(doc, Set.of("description"));
    return page(
        base,
        (String) doc.get("title"),
        crumbs(ogc, "Collections", "/collections", id, "/collections/" + id),
        body,
        false);
  }

  /**
   * A page of features: the counts, the paging links, a map of the page and its features as a
   * table.
   */
  static byte[] items(
      String base,
      String collectionId,
      String title,
      int matched,
      int offset,
      List<LayerFeature> page,
      List<Map<String, Object>> links,
      String tileUrl,
      String attribution) {
    String ogc = base + OgcRoutes.ROOT;
    String items = ogc + "/collections/" + collectionId + "/items";
    String self = (String) links.get(0).get("href");
    String body =
        "<p class=\"counts\">"
            + (page.isEmpty()
                ? "No features on this page"
                : "Features " + (offset + 1) + "–" + (offset + page.size()))
            + " of "
            + matched
            + " matching.</p>\n"
            + pager(links)
            + map(
                Links.withFormat(Links.without(self, "crs"), "geojson"),
                items,
                tileUrl,
                attribution)
            + features(page, items)
            + pager(links);
    return page(
        base,
        title + ": features",
        crumbs(
            ogc,
            "Collections",
            "/collections",
            collectionId,
            "/collections/" + collectionId,
            "Features",
            "/collections/" + collectionId + "/items"),
        body,
        true);
  }

  /** One feature: a map of it and its properties. */
  static byte[] item(
      String base,
      String collectionId,
      LayerFeature feature,
      List<Map<String, Object>> links,
      String tileUrl,
      String attribution) {
    String ogc = base + OgcRoutes.ROOT;
    String items = ogc + "/collections/" + collectionId + "/items";
    String self = (String) links.get(0).get("href");
    String body =
        pager(links)
            + map(
                Links.withFormat(Links.without(self, "crs"), "geojson"),
                items,
                tileUrl,
                attribution)
            + members(feature.properties(), Set.of())
            + "<h2>Links</h2>\n"
            + links(links);
    return page(
        base,
        feature.id(),
        crumbs(
            ogc,
            "Collections",
            "/collections",
            collectionId,
            "/collections/" + collectionId,
            "Features",
            "/collections/" + collectionId + "/items",
            feature.id(),
            "/collections/"
                + collectionId
                + "/items/"
                + URLEncoder.encode(feature.id(), StandardCharsets.UTF_8)),
        body,
        true);
  }

  /** An error answer as a page (for {@code f=html} and browsers). */
  static byte[] error(String base, int status, String title, Map<String, Object> details) {
    String body =
        "<p class=\"error\">"
            + esc(status + " — " + title)
            + "</p>\n"
            + members(details, Set.of())
            + "<p>"
            + a(base + OgcRoutes.ROOT, "Back to the landing page")
            + "</p>\n";
    return page(base, "Error " + status, crumbs(base + OgcRoutes.ROOT, "Error", ""), body, false);
  }
}
