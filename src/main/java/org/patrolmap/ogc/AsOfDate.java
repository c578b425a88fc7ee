package org.patrolmap.ogc;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.Numbers;

/**
 * The {@code datetime} parameter of OGC items read as the date the coverage is shown for. A date
 * ({@code 2016-06-01}) or an RFC 3339 date-time ({@code 2016-06-01T00:00:00Z}, whose calendar date
 * is taken as written) is that date; an interval {@code start/end} ({@code ..} or empty for an open
 * end) is its end date, or today when the end is open (the start when it lies after today). A date
 * followed by a bare {@code T} ({@code 2016-06-01T}) is read as that date: GDAL 3.6 sends that form
 * when a client filters its {@code date} field ({@code -where "date = '2016-06-01'"}).
 */
final class AsOfDate {
  static final String PARAM = "datetime";
  static final String DESCRIPTION =
      "The date the coverage is shown for: a date (2016-06-01), a date-time "
          + "(2016-06-01T00:00:00Z; its calendar date as written is used) or an interval start/end with '..' or an "
          + "empty string for an open end (a date followed by a bare 'T', as GDAL 3.6 writes it, is read as that date). Patrol, dispatch and contracts are dated: an interval selects the coverage "
          + "as of its end date, or as of today when the end is open (as of the start when it lies in the future). "
          + "Areas and footprints are current boundaries and are the same for every date. Default: today "
          + "(America/Chicago).";

  private AsOfDate() {}

  /** Parses {@code text}; returns {@code today} when it is null. Malformed values throw a 400. */
  static LocalDate parse(String text, LocalDate today) {
    if (text == null) {
      return today;
    }
    String t = text.trim();
    if (t.isEmpty() || t.length() > 80) {
      throw bad(t, "must be a date, a date-time or an interval start/end");
    }
    int slash = t.indexOf('/');
    if (slash < 0) {
      if (t.equals("..")) {
        throw bad(t, "'..' is only allowed as an end of an interval");
      }
      return instant(t);
    }
    if (t.indexOf('/', slash + 1) >= 0) {
      throw bad(t, "an interval has exactly one '/'");
    }
    String a = t.substring(0, slash).trim();
    String b = t.substring(slash + 1).trim();
    LocalDate start = open(a) ? null : instant(a);
    LocalDate end = open(b) ? null : instant(b);
    if (start != null && end != null && start.isAfter(end)) {
      throw bad(t, "the interval starts after it ends");
    }
    if (end != null) {
      return end;
    }
    return start != null && start.isAfter(today) ? start : today;
  }

  private static boolean open(String s) {
    return s.isEmpty() || s.equals("..");
  }

  private static LocalDate instant(String s) {
    if (s.length() == 10) {
      return IsoDate.parse(PARAM, s, null);
    }
    if (s.length() == 11 && (s.endsWith("T") || s.endsWith("t"))) {
      return IsoDate.parse(PARAM, s.substring(0, 10), null);
    }
    try {
      LocalDate d = OffsetDateTime.parse(s.replace('t', 'T').replace('z', 'Z')).toLocalDate();
      return IsoDate.parse(PARAM, d.toString(), null);
    } catch (DateTimeParseException e) {
      throw bad(
          s, "must be a date YYYY-MM-DD or an RFC 3339 date-time such as 2016-06-01T00:00:00Z");
    }
  }

  private static InvalidValueException bad(String value, String problem) {
    return new InvalidValueException(PARAM, problem + ", got '" + Numbers.abbreviate(value) + "'");
  }
}
