package org.patrolmap.geo;

/** Strict parsing of decimal numbers from text: no NaN, no Infinity, no hex, bounded length. */
public final class Numbers {
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile(
          "[+-]?(\\d{1,15}(\\.\\d{0,15})?|\\.\\d{1,15})([eE][+-]?\\d{1,3})?");

  private Numbers() {}

  /**
   * Parses a finite decimal number or throws {@link InvalidValueException} naming the parameter.
   */
  public static double parseFinite(String parameter, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(parameter, "is required");
    }
    String t = text.trim();
    if (t.length() > 40 || !DECIMAL.matcher(t).matches()) {
      throw new InvalidValueException(
          parameter, "must be a decimal number, got '" + abbreviate(t) + "'");
    }
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v)) {
      throw new InvalidValueException(parameter, "must be a finite number");
    }
    return v;
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /**
   * The value of a plain decimal held as ASCII bytes — an optional sign, 1 to 15 digits, optionally
   * a point and more digits, at most 15 digits in all, nothing else (no blanks, no exponent) — or
   * NaN for anything else, which the caller then reads with {@link #parseFinite}. For the text it
   * accepts it gives exactly {@link Double#parseDouble}'s value: the digits make an integer below
   * 2^53 and the divisor a power of ten below 10^16, both exact doubles, so the one division is
   * correctly rounded, as parseDouble is.
   */
  public static double parsePlain(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int fraction = -1;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        m = m * 10 + (c - '0');
        digits++;
        fraction += fraction >= 0 ? 1 : 0;
      } else if (c == '.' && fraction < 0 && digits > 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || digits > 15) {
      return Double.NaN;
    }
    double v = fraction > 0 ? m / POW10[fraction] : (double) m;
    return negative ? -v : v;
  }

  /** Shortens untrusted text before it is echoed back in an error message. */
  public static String abbreviate(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
  }
}
