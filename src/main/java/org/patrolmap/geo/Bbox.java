package org.patrolmap.geo;

import org.locationtech.jts.geom.Envelope;

/** A bounding box in WGS84 degrees (CRS84 axis order): west, south, east, north. */
public record Bbox(double west, double south, double east, double north) {

  public Bbox {
    if (west < -180 || east > 180 || south < -90 || north > 90) {
      throw new InvalidValueException("bbox", "must lie within -180,-90,180,90");
    }
    if (west > east || south > north) {
      throw new InvalidValueException(
          "bbox", "corners are reversed: expected west,south,east,north");
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

  public Envelope envelope() {
    return new Envelope(west, east, south, north);
  }
}
