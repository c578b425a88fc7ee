package org.patrolmap.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.patrolmap.model.Area;

/**
 * The JSON shape of domain values shared by the API answers and the layers' feature properties,
 * defined once: an area's identity members and the rounding of areas to km².
 */
public final class Shapes {
  private Shapes() {}

  /**
   * {@code id, name, kind, county, county_geoid, localities} — a fresh map the caller may extend.
   */
  public static Map<String, Object> area(Area a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("name", a.name());
    m.put("kind", a.kind().id());
    m.put("county", a.countyName());
    m.put("county_geoid", a.countyGeoid());
    m.put("localities", a.localities());
    return m;
  }

  /** Square metres as km², rounded to 4 decimals (100 m²). */
  public static double km2(double m2) {
    return round4(m2 / 1e6);
  }

  /** A share or km² value rounded to 4 decimals, as answers show them. */
  public static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
