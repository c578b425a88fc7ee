package org.patrolmap.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an area is: a County municipality, the independent City or a part of unincorporated County.
 */
public enum AreaKind {
  MUNICIPALITY("municipality"),
  INDEPENDENT_CITY("independent_city"),
  UNINCORPORATED("unincorporated");

  private final String id;

  AreaKind(String id) {
    this.id = id;
  }

  /** The value as written in data/ tables, the database and JSON answers. */
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(AreaKind::id).toList();
  }

  /** The value with this id, if any. */
  public static Optional<AreaKind> of(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** The value with this id; null for null; an unknown id is a programming or storage error. */
  public static AreaKind parse(String id) {
    return id == null
        ? null
        : of(id).orElseThrow(() -> new IllegalArgumentException("unknown AreaKind '" + id + "'"));
  }

  /** The id: enums are written by their id wherever they are shown. */
  @Override
  public String toString() {
    return id;
  }
}
