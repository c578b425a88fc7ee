package org.patrolmap.ogc;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.geo.Bbox;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Function;

/**
 * The parsed query of {@code /ogc/collections/{id}/items}: page ({@code limit}, {@code offset}),
 * {@code bbox}, {@code datetime} and the property filters the collection supports. The raw texts of
 * bbox and datetime are kept to echo them in links.
 *
 * @param filters property name → required value (e.g. {@code agency_id → slcpd}); {@code agency} is
 *     an alias of {@code agency_id}
 */
record ItemsQuery(
    int limit,
    int offset,
    Bbox bbox,
    String bboxText,
    String bboxCrsText,
    Crs crs,
    String crsText,
    LocalDate date,
    String datetimeText,
    String filter,
    String filterLang,
    Map<String, String> filters,
    Map<String, String> given,
    String f) {

  private static final int MAX_OFFSET = 100_000_000;

  static ItemsQuery parse(Context ctx, String collectionId, LocalDate today) {
    Params.allow(ctx, QueryParameters.names(QueryParameters.items(collectionId)));
    int limit =
        integer("limit", ctx.queryParam("limit"), Limits.DEFAULT_LIMIT, 1, Limits.MAX_LIMIT);
    int offset = integer("offset", ctx.queryParam("offset"), 0, 0, MAX_OFFSET);
    String bboxText = ctx.queryParam("bbox");
    String bboxCrsText = ctx.queryParam("bbox-crs");
    if (bboxCrsText != null && bboxText == null) {
      throw ApiError.badRequest("bbox-crs", "is only allowed with bbox");
    }
    Bbox bbox =
        bboxText == null
            ? null
            : Reprojection.toCrs84(
                "bbox", bboxText, bboxCrsText == null ? Crs.CRS84 : crs("bbox-crs", bboxCrsText));
    String crsText = ctx.queryParam("crs");
    Crs crs = crsText == null ? Crs.CRS84 : crs("crs", crsText);
    String dt = ctx.queryParam(AsOfDate.PARAM);
    LocalDate date = AsOfDate.parse(dt, today);
    String f = ctx.queryParam("f");
    MediaTypes.choose(f, null, MediaTypes.FEATURES);
    String filter = ctx.queryParam("filter");
    String filterLang = ctx.queryParam("filter-lang");
    if (filterLang != null && !filterLang.equals(Cql2.TEXT) && !filterLang.equals(Cql2.JSON)) {
      throw ApiError.badRequest(
          "filter-lang",
          "must be "
              + Cql2.TEXT
              + " or "
              + Cql2.JSON
              + ", got '"
              + Numbers.abbreviate(filterLang)
              + "'");
    }
    Map<String, String> filters = new LinkedHashMap<>();
    Map<String, String> given = new LinkedHashMap<>();
    for (QueryParameter param : QueryParameters.propertyFilters(collectionId)) {
      String p = param.name();
      String v = ctx.queryParam(p);
      if (v == null) {
        continue;
      }
      if (v.length() > 200) {
        throw ApiError.badRequest(p, "is longer than 200 characters");
      }
      if (p.equals("function") && Coded.of(Function.class, v).isEmpty()) {
        throw ApiError.badRequest(
            p,
            "must be one of "
                + Coded.ids(Function.class)
                + ", got '"
                + Numbers.abbreviate(v)
                + "'");
      }
      String property = p.equals("agency") ? "agency_id" : p;
      String before = filters.putIfAbsent(property, v);
      if (before != null && !before.equals(v)) {
        throw ApiError.badRequest(p, "agency and agency_id name the same property and must agree");
      }
      given.put(p, v);
    }
    return new ItemsQuery(
        limit,
        offset,
        bbox,
        bboxText,
        bboxCrsText,
        crs,
        crsText,
        date,
        dt,
        filter,
        filterLang,
        filters,
        given,
        f);
  }

  /** The CRS a {@code crs} or {@code bbox-crs} parameter names, or a 400 listing the supported. */
  static Crs crs(String parameter, String text) {
    return Crs.of(text)
        .orElseThrow(
            () ->
                ApiError.badRequest(
                    parameter,
                    "must be one of " + Crs.uris() + ", got '" + Numbers.abbreviate(text) + "'"));
  }

  /**
   * Parses a whole number in [min, max]; anything else (text such as {@code unlimited}, 0,
   * negatives, too large) is a 400.
   */
  static int integer(String name, String text, int fallback, int min, int max) {
    if (text == null) {
      return fallback;
    }
    String t = text.trim();
    if (!t.matches("[+-]?\\d{1,10}")) {
      throw ApiError.badRequest(
          name,
          "must be a whole number from "
              + min
              + " to "
              + max
              + ", got '"
              + Numbers.abbreviate(t)
              + "'");
    }
    long v = Long.parseLong(t);
    if (v < min || v > max) {
      throw ApiError.badRequest(name, "must be from " + min + " to " + max + ", got " + v);
    }
    return (int) v;
  }

  /**
   * The query string of this request with another offset (for self, next and prev links) and
   * format.
   */
  String queryString(int pageOffset, String format) {
    List<String[]> pairs = new ArrayList<>();
    pairs.add(new String[] {"limit", Integer.toString(limit)});
    pairs.add(new String[] {"offset", pageOffset == 0 ? null : Integer.toString(pageOffset)});
    pairs.add(new String[] {"bbox", bboxText});
    pairs.add(new String[] {"bbox-crs", bboxCrsText});
    pairs.add(new String[] {AsOfDate.PARAM, datetimeText});
    pairs.add(new String[] {"crs", crsText});
    pairs.add(new String[] {"filter", filter});
    pairs.add(new String[] {"filter-lang", filterLang});
    given.forEach((k, v) -> pairs.add(new String[] {k, v}));
    pairs.add(new String[] {"f", format});
    return Links.query(pairs);
  }
}
