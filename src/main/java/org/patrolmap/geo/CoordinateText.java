package org.patrolmap.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position typed as text, in the forms people paste: decimal degrees latitude first ({@code
 * 38.7442, -90.3054}) or longitude first when the first number cannot be a latitude, with
 * hemisphere letters ({@code 38.7442N 90.3054W}, {@code N 38.7442 W 90.3054}), degrees and decimal
 * minutes ({@code 38°44.65'N 90°18.32'W}), degrees, minutes and seconds ({@code 38°44'39"N
 * 90°18'19"W}), and {@code geo:} URIs. The order of two plain numbers is only a guess; {@link
 * #both} gives the other reading too, so a caller holding the region can pick the one inside.
 */
public final class CoordinateText {
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(?:([+-]?\\d{1,3}(?:\\.\\d+)?)\\s*(°|º|˚|''|'|′|\"|″|’’|’|”)?|([NSEW]))\\s*[,;/]?");

  private CoordinateText() {}

  /** The position the text most likely means, or empty when it is not a position. */
  public static Optional<LonLat> parse(String text) {
    List<LonLat> all = both(text);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * The readings of the text: the most likely first, and for two plain numbers that could be either
   * way round the swapped reading second. Empty when the text is not a position.
   */
  public static List<LonLat> both(String text) {
    if (text == null || text.length() > 80) {
      return List.of();
    }
    String s = text.trim().toUpperCase(Locale.ROOT);
    if (s.startsWith("GEO:")) {
      s = s.substring(4);
      int semi = s.indexOf(';');
      s = semi >= 0 ? s.substring(0, semi) : s;
    }
    List<Part> parts = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at || m.end() == at) {
        return List.of();
      }
      parts.add(
          m.group(3) != null
              ? new Part(null, null, m.group(3).charAt(0))
              : new Part(Double.parseDouble(m.group(1)), unit(m.group(2)), ' '));
      at = m.end();
    }
    List<Axis> axes = group(parts);
    if (axes == null || axes.size() != 2) {
      return List.of();
    }
    Axis a = axes.get(0);
    Axis b = axes.get(1);
    if (a.hemisphere != ' ' || b.hemisphere != ' ') {
      if (a.isLat() == b.isLat() || a.hemisphere == ' ' && b.hemisphere == ' ') {
        return List.of();
      }
      Axis lat = a.hemisphere == ' ' ? (b.isLat() ? b : a) : a.isLat() ? a : b;
      Axis lon = lat == a ? b : a;
      return valid(lon.value(), lat.value()).map(List::of).orElse(List.of());
    }
    List<LonLat> out = new ArrayList<>();
    valid(b.value(), a.value()).ifPresent(out::add);
    valid(a.value(), b.value()).ifPresent(out::add);
    return out;
  }

  private static Optional<LonLat> valid(double lon, double lat) {
    if (Double.isFinite(lon)
        && Double.isFinite(lat)
        && Math.abs(lon) <= 180
        && Math.abs(lat) <= 90) {
      return Optional.of(new LonLat(lon, lat));
    }
    return Optional.empty();
  }

  /** A number with its unit (0 degrees, 1 minutes, 2 seconds, -1 none), or a hemisphere letter. */
  private record Part(Double number, Integer unit, char hemisphere) {}

  /** One axis: degrees, minutes, seconds and a hemisphere letter (blank when not given). */
  private static final class Axis {
    final List<Double> numbers = new ArrayList<>();
    char hemisphere = ' ';

    boolean isLat() {
      return hemisphere == 'N' || hemisphere == 'S';
    }

    double value() {
      double deg = numbers.get(0);
      double min = numbers.size() > 1 ? numbers.get(1) : 0;
      double sec = numbers.size() > 2 ? numbers.get(2) : 0;
      if (numbers.size() > 1
          && (min < 0 || min >= 60 || sec < 0 || sec >= 60 || deg != Math.rint(deg))) {
        return Double.NaN;
      }
      if (numbers.size() > 2 && min != Math.rint(min)) {
        return Double.NaN;
      }
      double v = Math.abs(deg) + min / 60 + sec / 3600;
      boolean negative = deg < 0 || 1 / deg < 0 || hemisphere == 'S' || hemisphere == 'W';
      if (deg < 0 && (hemisphere == 'S' || hemisphere == 'W')) {
        return Double.NaN;
      }
      return negative ? -v : v;
    }
  }

  private static Integer unit(String symbol) {
    if (symbol == null) {
      return -1;
    }
    return switch (symbol) {
      case "°", "º", "˚" -> 0;
      case "'", "′", "’" -> 1;
      default -> 2;
    };
  }

  /**
   * Splits the parts into axes: at hemisphere letters (before or after the numbers), at a degree
   * sign, or — plain numbers only — in two halves (2: decimal degrees, 4: degrees and minutes, 6:
   * degrees, minutes, seconds). Null when the parts do not make axes.
   */
  private static List<Axis> group(List<Part> parts) {
    boolean letters = parts.stream().anyMatch(p -> p.number() == null);
    boolean units = parts.stream().anyMatch(p -> p.number() != null && p.unit() >= 0);
    List<Axis> axes = new ArrayList<>();
    Axis current = null;
    if (!letters && !units) {
      int n = parts.size();
      if (n != 2 && n != 4 && n != 6) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        if (i % (n / 2) == 0) {
          current = new Axis();
          axes.add(current);
        }
        current.numbers.add(parts.get(i).number());
      }
      return axes;
    }
    boolean letterFirst = letters && parts.get(0).number() == null;
    for (Part p : parts) {
      if (p.number() == null) {
        if (letterFirst) {
          current = new Axis();
          axes.add(current);
        } else if (current == null) {
          return null;
        }
        current.hemisphere = p.hemisphere();
        current = letterFirst ? current : null;
        continue;
      }
      boolean degree = p.unit() == 0;
      if (current == null || (!letterFirst && degree && !current.numbers.isEmpty())) {
        if (letterFirst && current == null) {
          return null;
        }
        current = new Axis();
        axes.add(current);
      }
      if (current.numbers.size() == 3 || p.unit() > 0 && p.unit() != current.numbers.size()) {
        return null;
      }
      current.numbers.add(p.number());
    }
    for (Axis a : axes) {
      if (a.numbers.isEmpty()) {
        return null;
      }
    }
    return axes;
  }
}
