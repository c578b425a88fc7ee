package org.patrolmap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;

/** Structural checks of RFC 7946 geometries: lon/lat ranges, ≤ 6 decimals, CCW shells, CW holes. */
public final class Rfc7946 {
  private Rfc7946() {}

  public static void assertGeometry(JsonNode g) {
    assertFalse(g.has("crs"), "no crs member");
    switch (g.path("type").asText()) {
      case "Polygon" -> polygon(g.path("coordinates"));
      case "MultiPolygon" -> g.path("coordinates").forEach(Rfc7946::polygon);
      default -> fail("unexpected geometry type " + g.path("type"));
    }
  }

  private static void polygon(JsonNode rings) {
    for (int i = 0; i < rings.size(); i++) {
      JsonNode ring = rings.get(i);
      assertTrue(ring.size() >= 4);
      assertEquals(ring.get(0).toString(), ring.get(ring.size() - 1).toString(), "closed ring");
      double area2 = 0;
      for (int k = 0; k < ring.size(); k++) {
        JsonNode p = ring.get(k);
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        assertTrue(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
        for (JsonNode c : p) {
          String s = c.asText();
          int dot = s.indexOf('.');
          assertTrue(dot < 0 || s.length() - dot - 1 <= 6 || s.contains("E"), "≤ 6 decimals: " + s);
        }
        if (k > 0) {
          JsonNode q = ring.get(k - 1);
          area2 +=
              (q.get(0).asDouble() * p.get(1).asDouble())
                  - (p.get(0).asDouble() * q.get(1).asDouble());
        }
      }
      if (i == 0) {
        assertTrue(area2 > 0, "exterior ring counter-clockwise");
      } else {
        assertTrue(area2 < 0, "holes clockwise");
      }
    }
  }
}
