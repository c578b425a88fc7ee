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
    AreaKind kind,
    String countyGeoid,
    List<String> localities,
    String source,
    double areaM2,
    Geometry geom) {

  public String countyName() {
    return "29510".equals(countyGeoid) ? "St. Louis city" : "St. Louis County";
  }
}
