package org.patrolmap.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV cell writer of patrolmap (RFC 4180, comma-separated), with a formula guard: a cell
 * that a spreadsheet would run as a formula (leading {@code = + - @}, tab or carriage return) is
 * prefixed with {@code '}, unless it is a plain number such as {@code -90.3054}, which spreadsheets
 * read as a number and which must stay one.
 */
public final class CsvCell {
  private CsvCell() {}

  /** The cell as CSV text: guarded, and quoted when it holds a comma, quote or line break. */
  public static String esc(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isPlainNumber(v)) {
      v = "'" + v;
    }
    return needsQuotes(v) ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /** Writes one row: the cells, escaped, separated by commas, ended by a line feed. */
  public static void writeRow(Writer out, List<String> cells) {
    try {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(esc(cells.get(i)));
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@link #esc} leaves an ASCII cell as it is (no formula guard, no quotes), so its bytes
   * can be copied; {@code commas}: whether the cell may hold a comma (read with another separator).
   */
  public static boolean verbatim(byte[] b, int from, int to, boolean commas) {
    if (from < to) {
      byte c = b[from];
      if ((c == '=' || c == '@' || c == '\t' || c == '\r')
          || ((c == '-' || c == '+') && !isPlainNumber(b, from, to))) {
        return false;
      }
    }
    for (int i = commas ? from : to; i < to; i++) {
      byte c = b[i];
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return false;
      }
    }
    return true;
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * An optional sign, digits, an optional fraction and exponent: what a spreadsheet reads as a
   * number.
   */
  /** {@link #isPlainNumber(String)} over ASCII bytes. */
  static boolean isPlainNumber(byte[] b, int from, int to) {
    int i = from;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    int digits = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
      digits++;
    }
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        i++;
      }
      int exp = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == to;
  }

  static boolean isPlainNumber(String v) {
    int i = 0;
    int n = v.length();
    if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (i < n && v.charAt(i) == '.') {
      i++;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
      i++;
      if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
        i++;
      }
      int exp = 0;
      while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }
}
