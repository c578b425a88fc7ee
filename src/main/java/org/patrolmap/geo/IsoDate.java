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

  /**
   * Parses a date cell of an uploaded file: {@code YYYY-MM-DD} (or {@code YYYY/MM/DD}), optionally
   * followed by a time ({@code T…} or a space), or the US {@code M/D/YYYY} with an optional time.
   * Same range as {@link #parse}; a problem names {@code column}.
   */
  public static LocalDate parseCell(String column, String text) {
    String t = text.trim();
    int y;
    int m;
    int d;
    int end;
    if (t.length() >= 10
        && digits(t, 0, 4)
        && (t.charAt(4) == '-' || t.charAt(4) == '/')
        && t.charAt(7) == t.charAt(4)
        && digits(t, 5, 7)
        && digits(t, 8, 10)) {
      y = num(t, 0, 4);
      m = num(t, 5, 7);
      d = num(t, 8, 10);
      end = 10;
    } else {
      int s1 = t.indexOf('/');
      int s2 = s1 < 0 ? -1 : t.indexOf('/', s1 + 1);
      end = s2 + 5;
      if (s1 < 1
          || s1 > 2
          || s2 - s1 < 2
          || s2 - s1 > 3
          || t.length() < end
          || !digits(t, 0, s1)
          || !digits(t, s1 + 1, s2)
          || !digits(t, s2 + 1, end)) {
        throw new InvalidValueException(
            column, "must be a date YYYY-MM-DD or M/D/YYYY, got '" + Numbers.abbreviate(t) + "'");
      }
      m = num(t, 0, s1);
      d = num(t, s1 + 1, s2);
      y = num(t, s2 + 1, end);
    }
    if (end < t.length() && t.charAt(end) != 'T' && t.charAt(end) != ' ') {
      throw new InvalidValueException(
          column, "must be a date YYYY-MM-DD or M/D/YYYY, got '" + Numbers.abbreviate(t) + "'");
    }
    LocalDate date;
    try {
      date = LocalDate.of(y, m, d);
    } catch (java.time.DateTimeException e) {
      throw new InvalidValueException(
          column, "is not a calendar date: '" + Numbers.abbreviate(t) + "'");
    }
    if (date.isBefore(MIN) || date.isAfter(MAX)) {
      throw new InvalidValueException(column, "must be between " + MIN + " and " + MAX);
    }
    return date;
  }

  /**
   * The day (epoch day) of a cell holding exactly {@code YYYY-MM-DD} as ASCII bytes, a calendar
   * date in the range of {@link #parseCell} — or {@link Long#MIN_VALUE} for anything else, which
   * the caller then reads with {@link #parseCell} (same answer, or its precise error).
   */
  public static long plainEpochDay(byte[] b, int from, int to) {
    if (to - from != 10 || b[from + 4] != '-' || b[from + 7] != '-') {
      return Long.MIN_VALUE;
    }
    int y = 0;
    int m = 0;
    int d = 0;
    for (int i = 0; i < 10; i++) {
      if (i == 4 || i == 7) {
        continue;
      }
      int c = b[from + i] - '0';
      if (c < 0 || c > 9) {
        return Long.MIN_VALUE;
      }
      if (i < 4) {
        y = y * 10 + c;
      } else if (i < 7) {
        m = m * 10 + c;
      } else {
        d = d * 10 + c;
      }
    }
    if (y < MIN.getYear() || y > MAX.getYear() || m < 1 || m > 12 || d < 1) {
      return Long.MIN_VALUE;
    }
    if (d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
      return Long.MIN_VALUE;
    }
    return LocalDate.of(y, m, d).toEpochDay();
  }

  private static boolean digits(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return to > from;
  }

  private static int num(String t, int from, int to) {
    return Integer.parseInt(t, from, to, 10);
  }
}
