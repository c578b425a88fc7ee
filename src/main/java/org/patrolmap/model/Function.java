package org.patrolmap.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a provider does for an area: patrol, 911 police dispatch or records. */
public enum Function {
  PATROL("patrol"),
  DISPATCH("dispatch"),
  RECORDS("records");

  private final String id;

  Function(String id) {
    this.id = id;
  }

  /** The value as written in data/ tables, the database and JSON answers. */
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Function::id).toList();
  }

  /** The value with this id, if any. */
  public static Optional<Function> of(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** The value with this id; null for null; an unknown id is a programming or storage error. */
  public static Function parse(String id) {
    return id == null
        ? null
        : of(id).orElseThrow(() -> new IllegalArgumentException("unknown Function '" + id + "'"));
  }

  /** The id: enums are written by their id wherever they are shown. */
  @Override
  public String toString() {
    return id;
  }
}
