package org.patrolmap.layers;

/**
 * One attribute column of a layer written to a table format (GeoPackage, CSV): name, type, maximum
 * length (text only; null = unbounded) and whether a value is required.
 */
public record Column(String name, Type type, Integer length, boolean notNull) {
  /** The column types patrolmap writes. */
  public enum Type {
    TEXT,
    DATETIME,
    INTEGER,
    REAL,
    BOOLEAN
  }
}
