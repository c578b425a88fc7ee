package org.patrolmap.attribute;

import java.time.LocalDate;

/**
 * How to read and bound one attribution: the coordinate and date columns (null = detected from the
 * header), the date of rows without one, the most rows and the longest row read, and the time by
 * which the work stops ({@link System#nanoTime()} clock; {@code Long.MAX_VALUE} = none).
 */
public record Options(
    String lonColumn,
    String latColumn,
    String dateColumn,
    LocalDate defaultDate,
    long maxRows,
    int maxRecordBytes,
    long deadlineNanos) {
  /** Longest row read by default: 64 KiB. */
  public static final int MAX_RECORD_BYTES = 1 << 16;

  /** Options with columns detected, no row limit beyond {@code maxRows} and no deadline. */
  public static Options detect(LocalDate defaultDate, long maxRows) {
    return new Options(null, null, null, defaultDate, maxRows, MAX_RECORD_BYTES, Long.MAX_VALUE);
  }
}
