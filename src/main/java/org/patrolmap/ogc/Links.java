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
}
