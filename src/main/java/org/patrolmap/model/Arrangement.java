package org.patrolmap.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a provider serves an area: its own department, a contract, a cooperative or the County's
 * default service.
 */
public enum Arrangement {
  OWN_DEPARTMENT("own_department"),
  CONTRACT("contract"),
  COOPERATIVE("cooperative"),
  COUNTY_DEFAULT("county_default");

  private final String id;

  Arrangement(String id) {
    this.id = id;
  }

  /** The value as written in data/ tables, the database and JSON answers. */
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Arrangement::id).toList();
  }

  /** The value with this id, if any. */
  public static Optional<Arrangement> of(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** The value with this id; null for null; an unknown id is a programming or storage error. */
  public static Arrangement parse(String id) {
    return id == null
        ? null
        : of(id)
            .orElseThrow(() -> new IllegalArgumentException("unknown Arrangement '" + id + "'"));
  }

  /** The id: enums are written by their id wherever they are shown. */
  @Override
  public String toString() {
    return id;
  }
}
