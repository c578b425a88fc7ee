package org.patrolmap.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A domain enum written by its id — the constant's name in lower case ({@code own_department}) — in
 * {@code data/} tables, the database and JSON answers; its {@code toString} is that id.
 */
public interface Coded {
  /** The value as written in data/ tables, the database and JSON answers. */
  default String id() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /** Every id of {@code type}, in declaration order. */
  static <E extends Enum<E> & Coded> List<String> ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::id).toList();
  }

  /** The value of {@code type} with this id, if any (null gives empty). */
  static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String id) {
    return Arrays.stream(type.getEnumConstants()).filter(v -> v.id().equals(id)).findFirst();
  }

  /** The value with this id; null for null; an unknown id is a storage or programming error. */
  static <E extends Enum<E> & Coded> E parse(Class<E> type, String id) {
    return id == null
        ? null
        : of(type, id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown " + type.getSimpleName() + " '" + id + "'"));
  }
}
