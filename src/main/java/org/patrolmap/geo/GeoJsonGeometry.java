package org.patrolmap.geo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as RFC 7946 GeoJSON: lon/lat, exterior rings counter-clockwise and holes
 * clockwise, coordinates rounded to 6 decimals (about 0.1 m), never a {@code crs} member.
 */
public final class GeoJsonGeometry {
  private GeoJsonGeometry() {}

  public static void write(JsonGenerator g, Geometry geom) throws IOException {
    g.writeStartObject();
    if (geom instanceof Point p) {
      g.writeStringField("type", "Point");
      g.writeFieldName("coordinates");
      position(g, p.getX(), p.getY());
    } else if (geom instanceof Polygon poly) {
      g.writeStringField("type", "Polygon");
      g.writeFieldName("coordinates");
      polygon(g, poly);
    } else if (geom instanceof MultiPolygon mp) {
      g.writeStringField("type", "MultiPolygon");
      g.writeFieldName("coordinates");
      g.writeStartArray();
      for (int i = 0; i < mp.getNumGeometries(); i++) {
        polygon(g, (Polygon) mp.getGeometryN(i));
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("unsupported geometry type " + geom.getGeometryType());
    }
    g.writeEndObject();
  }

  private static void polygon(JsonGenerator g, Polygon poly) throws IOException {
    g.writeStartArray();
    ring(g, poly.getExteriorRing(), true);
    for (int i = 0; i < poly.getNumInteriorRing(); i++) {
      ring(g, poly.getInteriorRingN(i), false);
    }
    g.writeEndArray();
  }

  private static void ring(JsonGenerator g, LinearRing ring, boolean ccw) throws IOException {
    CoordinateSequence seq = ring.getCoordinateSequence();
    boolean reverse = Orientation.isCCW(seq) != ccw;
    int n = seq.size();
    g.writeStartArray();
    for (int k = 0; k < n; k++) {
      int i = reverse ? n - 1 - k : k;
      position(g, seq.getX(i), seq.getY(i));
    }
    g.writeEndArray();
  }

  private static void position(JsonGenerator g, double x, double y) throws IOException {
    g.writeStartArray();
    g.writeNumber(round6(x));
    g.writeNumber(round6(y));
    g.writeEndArray();
  }

  /** Rounds to 6 decimals for output; keeps the value a plain decimal. */
  public static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
