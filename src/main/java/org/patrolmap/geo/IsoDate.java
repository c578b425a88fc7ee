package org.patrolmap.geo;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses calendar dates {@code YYYY-MM-DD} from requests, within a sane range. */
public final class IsoDate {
  private static final LocalDate MIN = LocalDate.of(1800, 1, 1);
  private static final LocalDate MAX = LocalDate.of(2200, 12, 31);

  private IsoDate() {}

  /** Returns {@code fallback} when text is null; throws a named 400 for a malformed date. */
  public static LocalDate parse(String parameter, String text, LocalDate fallback) {
    if (text == null) {
      return fallback;
    }
    String t = text.trim();
    if (!t.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new InvalidValueException(
          parameter, "must be a date YYYY-MM-DD, got '" + Numbers.abbreviate(t) + "'");
    }
    try {
      LocalDate d = LocalDate.parse(t);
      if (d.isBefore(MIN) || d.isAfter(MAX)) {
        throw new InvalidValueException(parameter, "must be between " + MIN + " and " + MAX);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(parameter, "is not a calendar date: '" + t + "'");
    }
  }
}
