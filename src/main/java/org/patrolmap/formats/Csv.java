package org.patrolmap.formats;

/** The one CSV cell writer (RFC 4180 quoting, spreadsheet formula guard), for every CSV answer. */
public final class Csv {
  private Csv() {}

  /** Quotes a cell; a leading =, +, - or @ is prefixed with ' so spreadsheets don't run it. */
  public static String cell(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
