package org.patrolmap.geo;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * A bounding box in WGS84 degrees (CRS84 axis order): west, south, east, north. As in OGC API –
 * Features ({@code /req/core/fc-bbox-definition}) and RFC 7946 §5.2, a west edge greater than the
 * east edge is a box crossing the antimeridian (e.g. {@code 177,65,-177,70}: from 177°E eastwards
 * to 177°W); south must not lie above north.
 */
public record Bbox(double west, double south, double east, double north) {

  public Bbox {
    if (west < -180 || east > 180 || east < -180 || west > 180 || south < -90 || north > 90) {
      throw new InvalidValueException("bbox", "must lie within -180,-90,180,90");
    }
    if (south > north) {
      throw new InvalidValueException(
          "bbox", "south lies above north: expected west,south,east,north");
    }
  }

  /**
   * Parses {@code west,south,east,north}; 6 numbers (with heights) are accepted and heights
   * dropped.
   */
  public static Bbox parse(String parameter, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(parameter, "is empty");
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      throw new InvalidValueException(
          parameter, "must be 4 numbers west,south,east,north; got " + parts.length);
    }
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = Numbers.parseFinite(parameter, parts[i]);
    }
    try {
      return parts.length == 4
          ? new Bbox(v[0], v[1], v[2], v[3])
          : new Bbox(v[0], v[1], v[3], v[4]);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(parameter, e.problem());
    }
  }

  /** Whether the box crosses the antimeridian (its west edge lies east of its east edge). */
  public boolean crossesAntimeridian() {
    return west > east;
  }

  /**
   * The box as envelopes in longitude/latitude: one, or two (west..180 and -180..east) when it
   * crosses the antimeridian.
   */
  public List<Envelope> envelopes() {
    if (!crossesAntimeridian()) {
      return List.of(new Envelope(west, east, south, north));
    }
    return List.of(new Envelope(west, 180, south, north), new Envelope(-180, east, south, north));
  }
}
