package org.patrolmap.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.DistanceOp;

/** Measurements on WGS84 lon/lat geometries, in metres, on a sphere of the WGS84 mean radius. */
public final class GeoMath {
  /** WGS84 mean radius (m); the same value PostGIS uses for spheroid-free geography maths. */
  public static final double EARTH_RADIUS_M = 6_371_008.8;

  private GeoMath() {}

  /** Great-circle distance in metres between two lon/lat positions. */
  public static double haversineM(double lon1, double lat1, double lon2, double lat2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /**
   * Distance in metres from a point to the nearest point of a geometry (0 when inside). The nearest
   * point is found in degrees, then measured on the sphere: exact enough at 50 m scale.
   */
  public static double distanceM(Point p, Geometry g) {
    Coordinate[] nearest = DistanceOp.nearestPoints(g, p);
    return haversineM(p.getX(), p.getY(), nearest[0].x, nearest[0].y);
  }

  /** Area in square metres of a polygonal lon/lat geometry (spherical excess, as turf.js). */
  public static double areaM2(Geometry g) {
    if (g instanceof Polygon poly) {
      double sum = Math.abs(ringArea(poly.getExteriorRing()));
      for (int h = 0; h < poly.getNumInteriorRing(); h++) {
        sum -= Math.abs(ringArea(poly.getInteriorRingN(h)));
      }
      return sum;
    }
    double sum = 0;
    if (g instanceof org.locationtech.jts.geom.GeometryCollection) {
      for (int i = 0; i < g.getNumGeometries(); i++) {
        sum += areaM2(g.getGeometryN(i));
      }
    }
    return sum;
  }

  private static double ringArea(LineString ring) {
    Coordinate[] c = ring.getCoordinates();
    int n = c.length;
    if (n < 4) {
      return 0;
    }
    double total = 0;
    for (int i = 0; i < n - 1; i++) {
      Coordinate lower = c[i];
      Coordinate middle = c[(i + 1) % (n - 1)];
      Coordinate upper = c[(i + 2) % (n - 1)];
      total +=
          (Math.toRadians(upper.x) - Math.toRadians(lower.x)) * Math.sin(Math.toRadians(middle.y));
    }
    return total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2;
  }

  /** A point-by-point map of coordinates: gets (x, y), writes the new x and y into {@code out}. */
  @FunctionalInterface
  public interface XyMap {
    void apply(double x, double y, double[] out);
  }

  /** Maps every coordinate of {@code g} in place with {@code f}; returns {@code g}. */
  public static Geometry mapInPlace(Geometry g, XyMap f) {
    double[] out = new double[2];
    g.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            f.apply(seq.getX(i), seq.getY(i), out);
            seq.setOrdinate(i, Coordinate.X, out[0]);
            seq.setOrdinate(i, Coordinate.Y, out[1]);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    return g;
  }
}
