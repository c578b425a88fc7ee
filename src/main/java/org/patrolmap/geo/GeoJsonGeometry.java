package org.patrolmap.geo;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as RFC 7946 GeoJSON text: lon/lat, exterior rings counter-clockwise and
 * holes clockwise, coordinates rounded to 6 decimals (about 0.1 m), never a {@code crs} member.
 * Numbers are written as {@link Double#toString} writes them (as JSON libraries do).
 */
public final class GeoJsonGeometry {
  private GeoJsonGeometry() {}

  /** The geometry (Point, Polygon or MultiPolygon) as a GeoJSON geometry object. */
  public static String toJson(Geometry geom) {
    StringBuilder sb = new StringBuilder(64 + 40 * geom.getNumPoints());
    if (geom instanceof Point p) {
      sb.append("{\"type\":\"Point\",\"coordinates\":");
      position(sb, p.getX(), p.getY());
    } else if (geom instanceof Polygon poly) {
      sb.append("{\"type\":\"Polygon\",\"coordinates\":");
      polygon(sb, poly);
    } else if (geom instanceof MultiPolygon mp) {
      sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
      for (int i = 0; i < mp.getNumGeometries(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        polygon(sb, (Polygon) mp.getGeometryN(i));
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("unsupported geometry type " + geom.getGeometryType());
    }
    return sb.append('}').toString();
  }

  private static void polygon(StringBuilder sb, Polygon poly) {
    sb.append('[');
    ring(sb, poly.getExteriorRing(), true);
    for (int i = 0; i < poly.getNumInteriorRing(); i++) {
      sb.append(',');
      ring(sb, poly.getInteriorRingN(i), false);
    }
    sb.append(']');
  }

  private static void ring(StringBuilder sb, LinearRing ring, boolean ccw) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    boolean reverse = Orientation.isCCW(seq) != ccw;
    int n = seq.size();
    sb.append('[');
    for (int k = 0; k < n; k++) {
      int i = reverse ? n - 1 - k : k;
      if (k > 0) {
        sb.append(',');
      }
      position(sb, seq.getX(i), seq.getY(i));
    }
    sb.append(']');
  }

  private static void position(StringBuilder sb, double x, double y) {
    sb.append('[').append(round6(x)).append(',').append(round6(y)).append(']');
  }

  /** Rounds to 6 decimals for output; keeps the value a plain decimal. */
  public static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
