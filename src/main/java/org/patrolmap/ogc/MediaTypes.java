package org.patrolmap.ogc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ContentTypes;

/**
 * Content negotiation of the OGC resources: the {@code f} parameter ({@code json} or {@code
 * geojson} or {@code html}) wins over the {@code Accept} header; an {@code Accept} header that
 * admits none of a resource's media types is a 406 in the JSON error shape. A browser's Accept
 * header (text/html first, any type at a lower quality) picks HTML where a resource offers it; any
 * type alone picks the first offer (JSON).
 */
final class MediaTypes {
  /** The accepted values of {@code f}. */
  static final List<String> FORMATS = List.of("json", "geojson", "html");

  /** The representations of the description resources (landing page, conformance, collections). */
  static final List<String> DOCUMENTS = List.of(ContentTypes.JSON, ContentTypes.HTML);

  /** The representations of features and pages of features. */
  static final List<String> FEATURES =
      List.of(ContentTypes.GEOJSON, ContentTypes.JSON, ContentTypes.HTML);

  /** The {@code f} value that asks for a media type. */
  static String format(String type) {
    return switch (type) {
      case ContentTypes.GEOJSON -> "geojson";
      case ContentTypes.HTML -> "html";
      default -> "json";
    };
  }

  /**
   * Whether an error answer to this request should be a page: {@code f=html}, or no {@code f} and
   * an Accept header preferring HTML to JSON (a browser). Never throws.
   */
  static boolean wantsHtml(String f, String accept) {
    if (f != null) {
      return f.equals("html");
    }
    try {
      return accept != null && ContentTypes.HTML.equals(choose(null, accept, DOCUMENTS));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private MediaTypes() {}

  /**
   * Chooses the media type of an answer among {@code offered} (most preferred first).
   *
   * @param f the {@code f} parameter or null; {@code json} picks the plain JSON type where one is
   *     offered, {@code geojson} the GeoJSON type where one is offered, else the first offer;
   *     {@code html} the HTML type (a 400 where none is offered)
   * @param accept the {@code Accept} header or null
   */
  static String choose(String f, String accept, List<String> offered) {
    if (f != null) {
      return switch (f) {
        case "json" ->
            offered.contains(ContentTypes.JSON) && !offered.get(0).equals(ContentTypes.OPENAPI)
                ? ContentTypes.JSON
                : offered.get(0);
        case "geojson" ->
            offered.contains(ContentTypes.GEOJSON) ? ContentTypes.GEOJSON : offered.get(0);
        case "html" -> {
          if (!offered.contains(ContentTypes.HTML)) {
            throw ApiError.badRequest("f", "html is not available for this resource; use json");
          }
          yield ContentTypes.HTML;
        }
        default ->
            throw ApiError.badRequest(
                "f", "must be one of " + FORMATS + ", got '" + Numbers.abbreviate(f) + "'");
      };
    }
    if (accept == null || accept.isBlank()) {
      return offered.get(0);
    }
    List<Range> ranges = parse(accept);
    String best = null;
    double bestQ = 0;
    for (String type : offered) {
      double q = quality(ranges, base(type));
      if (q > bestQ) {
        best = type;
        bestQ = q;
      }
    }
    if (best == null) {
      throw new ApiError(
          406,
          "not_acceptable",
          "None of the available media types is acceptable",
          Map.of("accept", Numbers.abbreviate(accept), "available", offered, "f", FORMATS));
    }
    return best;
  }

  /** One media range of an Accept header with its quality. */
  private record Range(String type, String subtype, double q) {
    /**
     * How specifically this range matches {@code type/subtype}: 3 exact, 2 type/*, 1 {@code * / *},
     * 0 no match.
     */
    int match(String t, String s) {
      if (type.equals("*") && subtype.equals("*")) {
        return 1;
      }
      if (!type.equals(t)) {
        return 0;
      }
      return subtype.equals("*") ? 2 : subtype.equals(s) ? 3 : 0;
    }
  }

  /** The quality the most specific matching range gives {@code mediaType} (0 when none matches). */
  private static double quality(List<Range> ranges, String mediaType) {
    int slash = mediaType.indexOf('/');
    String t = mediaType.substring(0, slash);
    String s = mediaType.substring(slash + 1);
    int bestMatch = 0;
    double q = 0;
    for (Range r : ranges) {
      int m = r.match(t, s);
      if (m > bestMatch) {
        bestMatch = m;
        q = r.q();
      }
    }
    return q;
  }

  private static List<Range> parse(String accept) {
    List<Range> out = new ArrayList<>();
    String[] parts = accept.split(",", 64);
    for (String part : parts) {
      String[] params = part.split(";", -1);
      String mt = params[0].trim().toLowerCase(Locale.ROOT);
      int slash = mt.indexOf('/');
      if (slash <= 0 || slash == mt.length() - 1) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          try {
            q = Math.max(0, Math.min(1, Double.parseDouble(p.substring(2))));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      out.add(new Range(mt.substring(0, slash), mt.substring(slash + 1), q));
    }
    return out;
  }

  /** The media type without parameters, e.g. {@code application/vnd.oai.openapi+json}. */
  static String base(String mediaType) {
    int semi = mediaType.indexOf(';');
    return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim();
  }
}
