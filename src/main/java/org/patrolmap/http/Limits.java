package org.patrolmap.http;

/** The documented limits of the public API (README "Limits"), enforced before parsing where possible. */
public final class Limits {
  /** Largest accepted request body (POST /api/overlay): 1 MiB. */
  public static final long MAX_BODY_BYTES = 1 << 20;
  /** Most vertices in an uploaded footprint polygon. */
  public static final int MAX_VERTICES = 100_000;
  /** Deepest JSON nesting accepted in a body. */
  public static final int MAX_JSON_DEPTH = 64;
  /** Default and maximum page size of OGC items. */
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 1000;
  /** Largest geocoder query, in characters. */
  public static final int MAX_QUERY_CHARS = 200;
  /** Distance within which neighbouring areas are reported by a lookup, in metres. */
  public static final double NEAR_BOUNDARY_M = 50;

  private Limits() {}
}
