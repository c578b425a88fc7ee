package org.patrolmap.ogc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Links of the OGC resources ({@code href}, {@code rel}, {@code type}, {@code title}) and query
 * strings for them.
 */
final class Links {
  private Links() {}

  static Map<String, Object> link(String href, String rel, String type, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("href", href);
    m.put("rel", rel);
    m.put("type", type);
    m.put("title", title);
    return m;
  }

  /**
   * A query string ({@code ?a=1&b=2}, or empty) from name/value pairs in order; null values are
   * left out. Values are percent-encoded, keeping {@code , / :} readable (they are legal in a
   * query).
   */
  static String query(List<String[]> pairs) {
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (p[1] == null) {
        continue;
      }
      sb.append(sb.length() == 0 ? '?' : '&').append(encode(p[0])).append('=').append(encode(p[1]));
    }
    return sb.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("%2C", ",")
        .replace("%2F", "/")
        .replace("%3A", ":");
  }

  /** The same URL without the query parameter {@code name}. */
  static String without(String href, String name) {
    int q = href.indexOf('?');
    if (q < 0) {
      return href;
    }
    StringBuilder query = new StringBuilder();
    for (String pair : href.substring(q + 1).split("&")) {
      if (!pair.isEmpty() && !pair.startsWith(name + "=")) {
        query.append(query.length() == 0 ? "?" : "&").append(pair);
      }
    }
    return href.substring(0, q) + query;
  }

  /** The same URL with {@code f=format} (any {@code f} it had replaced). */
  static String withFormat(String href, String format) {
    int q = href.indexOf('?');
    String path = q < 0 ? href : href.substring(0, q);
    StringBuilder query = new StringBuilder();
    if (q >= 0) {
      for (String pair : href.substring(q + 1).split("&")) {
        if (!pair.isEmpty() && !pair.startsWith("f=")) {
          query.append(query.length() == 0 ? "" : "&").append(pair);
        }
      }
    }
    query.append(query.length() == 0 ? "" : "&").append("f=").append(format);
    return path + "?" + query;
  }

  /**
   * The {@code alternate} links of a resource at {@code href} answered as {@code type}: one per
   * other representation in {@code offered}, each asking for it with {@code f}.
   */
  static List<Map<String, Object>> alternates(String href, String type, List<String> offered) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (String t : offered) {
      if (!t.equals(type)) {
        out.add(
            link(withFormat(href, MediaTypes.format(t)), "alternate", t, "This document as " + t));
      }
    }
    return out;
  }
}
