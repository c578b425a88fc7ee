package org.patrolmap.ogc;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.patrolmap.geo.Bbox;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.Numbers;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;

/**
 * Moves coordinates between the storage CRS (CRS84) and another {@link Crs} with proj4j, and puts
 * them in the target's axis order (latitude first for EPSG:4326 and EPSG:4269). One instance serves
 * one request (proj4j transforms hold scratch state).
 */
final class Reprojection {
  /** Points added along each edge of a projected bbox before taking its CRS84 envelope. */
  private static final int EDGE_STEPS = 16;

  private final Crs target;
  private final CoordinateTransform fromCrs84;

  private Reprojection(Crs target) {
    this.target = target;
    this.fromCrs84 =
        target.geographic()
            ? null
            : new CoordinateTransformFactory().createTransform(Crs.CRS84.proj(), target.proj());
  }

  static Reprojection to(Crs target) {
    return new Reprojection(target);
  }

  boolean identity() {
    return target.equals(Crs.CRS84);
  }

  /** The feature with its geometry in the target CRS (the same feature when that is CRS84). */
  LayerFeature feature(LayerFeature f) {
    return identity() ? f : Layers.feature(f.id(), geometry(f.geometry()), f.properties());
  }

  /** A copy of a CRS84 geometry in the target CRS and axis order. */
  Geometry geometry(Geometry crs84) {
    ProjCoordinate in = new ProjCoordinate();
    ProjCoordinate pr = new ProjCoordinate();
    return GeoMath.mapInPlace(
        crs84.copy(),
        (x, y, out) -> {
          if (fromCrs84 != null) {
            in.x = x;
            in.y = y;
            fromCrs84.transform(in, pr);
            x = pr.x;
            y = pr.y;
          }
          out[0] = target.latLon() ? y : x;
          out[1] = target.latLon() ? x : y;
        });
  }

  /**
   * The CRS84 box covering a {@code bbox} given in {@code crs}: a geographic box is reordered (a
   * west edge beyond the east edge still crosses the antimeridian); a projected box's outline,
   * densified, is transformed and its envelope taken.
   */
  static Bbox toCrs84(String parameter, String text, Crs crs) {
    if (crs.geographic()) {
      if (!crs.latLon()) {
        return Bbox.parse(parameter, text);
      }
      String[] p = text.split(",", -1);
      String swapped =
          p.length == 4
              ? String.join(",", p[1], p[0], p[3], p[2])
              : p.length == 6 ? String.join(",", p[1], p[0], p[2], p[4], p[3], p[5]) : text;
      return Bbox.parse(parameter, swapped);
    }
    String[] p = text.split(",", -1);
    if (p.length != 4 && p.length != 6) {
      throw new InvalidValueException(
          parameter, "must be 4 numbers minx,miny,maxx,maxy in " + crs.uri() + "; got " + p.length);
    }
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Numbers.parseFinite(parameter, p[i]);
      if (Math.abs(v[i]) > 1e8) {
        throw new InvalidValueException(parameter, "lies outside the area of " + crs.uri());
      }
    }
    double minX = v[0];
    double minY = v[1];
    double maxX = p.length == 4 ? v[2] : v[3];
    double maxY = p.length == 4 ? v[3] : v[4];
    if (minX > maxX || minY > maxY) {
      throw new InvalidValueException(
          parameter, "corners are reversed: expected minx,miny,maxx,maxy in " + crs.uri());
    }
    CoordinateTransform toCrs84 =
        new CoordinateTransformFactory().createTransform(crs.proj(), Crs.CRS84.proj());
    Envelope env = new Envelope();
    ProjCoordinate out = new ProjCoordinate();
    for (int i = 0; i <= EDGE_STEPS; i++) {
      double t = (double) i / EDGE_STEPS;
      double x = minX + t * (maxX - minX);
      double y = minY + t * (maxY - minY);
      for (double[] xy : new double[][] {{x, minY}, {x, maxY}, {minX, y}, {maxX, y}}) {
        try {
          toCrs84.transform(new ProjCoordinate(xy[0], xy[1]), out);
        } catch (RuntimeException e) {
          throw new InvalidValueException(parameter, "lies outside the area of " + crs.uri());
        }
        if (!Double.isFinite(out.x) || !Double.isFinite(out.y)) {
          throw new InvalidValueException(parameter, "lies outside the area of " + crs.uri());
        }
        env.expandToInclude(out.x, out.y);
      }
    }
    return new Bbox(
        Math.max(-180, env.getMinX()),
        Math.max(-90, env.getMinY()),
        Math.min(180, env.getMaxX()),
        Math.min(90, env.getMaxY()));
  }
}
