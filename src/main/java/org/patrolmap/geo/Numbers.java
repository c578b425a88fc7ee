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

  /** Shortens untrusted text before it is echoed back in an error message. */
  public static String abbreviate(String s) {
    String clean = s.replaceAll("[\\p{Cntrl}]", "?");
    return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
  }
}
