package org.patrolmap.model;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One unit polygon of the tiling of the two counties: a County municipality (id = Census GEOID),
 * the independent City (2965000) or a connected part of unincorporated County.
 */
public record Area(
    String id,
    String name,
    String kind,
    String countyGeoid,
    List<String> localities,
    String source,
    double areaM2,
    Geometry geom) {

  public static final String MUNICIPALITY = "municipality";
  public static final String UNINCORPORATED = "unincorporated";
  public static final String INDEPENDENT_CITY = "independent_city";

  public String countyName() {
    return "29510".equals(countyGeoid) ? "St. Louis city" : "St. Louis County";
  }
}
