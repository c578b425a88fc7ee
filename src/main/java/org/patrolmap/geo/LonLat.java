package org.patrolmap.geo;

/** A WGS84 position in degrees, longitude first as in GeoJSON. */
public record LonLat(double lon, double lat) {
  public LonLat {
    if (!(lon >= -180 && lon <= 180)) {
      throw new InvalidValueException("lon", "must be between -180 and 180, got " + lon);
    }
    if (!(lat >= -90 && lat <= 90)) {
      throw new InvalidValueException("lat", "must be between -90 and 90, got " + lat);
    }
  }

  /** Parses the two query parameters; each problem names its parameter. */
  public static LonLat parse(String lon, String lat) {
    return new LonLat(Numbers.parseFinite("lon", lon), Numbers.parseFinite("lat", lat));
  }
}
