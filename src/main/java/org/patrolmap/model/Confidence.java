package org.patrolmap.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How sure a fact is, from the weakest: low (inferred), medium, high. Ordered: compareTo gives that
 * order.
 */
public enum Confidence {
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high");

  private final String id;

  Confidence(String id) {
    this.id = id;
  }

  /** The value as written in data/ tables, the database and JSON answers. */
  public String id() {
    return id;
  }

  /** Every id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Confidence::id).toList();
  }

  /** The value with this id, if any. */
  public static Optional<Confidence> of(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** The value with this id; null for null; an unknown id is a programming or storage error. */
  public static Confidence parse(String id) {
    return id == null
        ? null
        : of(id).orElseThrow(() -> new IllegalArgumentException("unknown Confidence '" + id + "'"));
  }

  /** The id: enums are written by their id wherever they are shown. */
  @Override
  public String toString() {
    return id;
  }
}
