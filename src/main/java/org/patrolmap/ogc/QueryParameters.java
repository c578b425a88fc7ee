package org.patrolmap.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patrolmap.http.Limits;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Function;

/**
 * The registry of the OGC query parameters: which resource accepts which, and how the API
 * definition describes each. {@link ItemsQuery} accepts exactly {@link #items}, the feature
 * resource exactly {@link #feature}, and {@link OpenApiDocument} documents the same lists.
 */
final class QueryParameters {
  static final QueryParameter F =
      new QueryParameter(
          "f",
          "The format of the answer, instead of the Accept header: json (application/json; the OpenAPI "
              + "media type for the API definition), geojson (application/geo+json for features) or html "
              + "(a page for a web browser).",
          schema("type", "string", "enum", MediaTypes.FORMATS));

  /** {@code /req/core/fc-limit-definition}, with this server's maximum. */
  static final QueryParameter LIMIT =
      new QueryParameter(
          "limit",
          "The most features on one page. Default "
              + Limits.DEFAULT_LIMIT
              + ", maximum "
              + Limits.MAX_LIMIT
              + "; larger, zero, negative or non-numeric values are a 400. Follow the 'next' links for more.",
          schema(
              "type",
              "integer",
              "minimum",
              1,
              "maximum",
              Limits.MAX_LIMIT,
              "default",
              Limits.DEFAULT_LIMIT));

  static final QueryParameter OFFSET =
      new QueryParameter(
          "offset",
          "How many matching features to skip (paging; the 'next' and 'prev' links carry it).",
          schema("type", "integer", "minimum", 0, "default", 0));

  /** {@code /req/core/fc-bbox-definition}. */
  static final QueryParameter BBOX =
      new QueryParameter(
          "bbox",
          "Only features whose geometry intersects this box: west,south,east,north (lower left corner, upper "
              + "right corner) in CRS84 longitude/latitude degrees unless bbox-crs names another CRS; 6 numbers "
              + "with heights are accepted, heights ignored. A west edge greater than the east edge is a box "
              + "crossing the antimeridian (e.g. 177,65,-177,70).",
          schema("type", "array", "minItems", 4, "maxItems", 6, "items", schema("type", "number")));

  /** {@code /req/core/fc-time-definition}. */
  static final QueryParameter DATETIME =
      new QueryParameter(AsOfDate.PARAM, AsOfDate.DESCRIPTION, schema("type", "string"));

  /** {@code /req/crs/fc-crs-definition} (Part 2). */
  static final QueryParameter CRS =
      new QueryParameter(
          "crs",
          "The coordinate reference system of the geometries in the answer (OGC API - Features Part 2), "
              + "one of the URIs in the collection's crs list: "
              + String.join(", ", Crs.uris())
              + ". EPSG:4326 and EPSG:4269 are written latitude first; the Content-Crs header names the CRS "
              + "used. Default: CRS84 (longitude, latitude).",
          schema("type", "string", "format", "uri"));

  /** {@code /req/crs/fc-bbox-crs-definition} (Part 2). */
  static final QueryParameter BBOX_CRS =
      new QueryParameter(
          "bbox-crs",
          "The coordinate reference system of bbox, one of the URIs in the collection's crs list "
              + "(coordinates in its axis order: latitude first for EPSG:4326 and EPSG:4269, "
              + "easting, northing for projected CRSs). Only with bbox. Default: CRS84.",
          schema("type", "string", "format", "uri"));

  /** {@code /req/filter/filter-param} (Part 3). */
  static final QueryParameter FILTER =
      new QueryParameter(
          "filter",
          "Only features that meet this CQL2 expression (OGC API - Features Part 3): Basic CQL2 "
              + "(comparisons = <> < > <= >= of a queryable with a string, number, boolean, DATE('2016-06-01') "
              + "or TIMESTAMP(...), AND, OR, NOT, parentheses, IS [NOT] NULL) and S_INTERSECTS(geometry, "
              + "POINT/LINESTRING/POLYGON/MULTI... or BBOX(w,s,e,n) in CRS84). The properties are the collection's "
              + "queryables (/collections/{id}/queryables). At most "
              + Cql2.MAX_LENGTH
              + " characters, "
              + Cql2.MAX_DEPTH
              + " levels of nesting, "
              + Cql2.MAX_NODES
              + " terms and "
              + Cql2.MAX_VERTICES
              + " vertices in geometry literals. Example: agency_id = 'slcpd' AND status = 'known'.",
          schema("type", "string"));

  /** {@code /req/filter/filter-lang-param} (Part 3). */
  static final QueryParameter FILTER_LANG =
      new QueryParameter(
          "filter-lang",
          "The encoding of filter: cql2-text (the default) or cql2-json.",
          schema("type", "string", "enum", List.of(Cql2.TEXT, Cql2.JSON), "default", Cql2.TEXT));

  static final QueryParameter AGENCY =
      new QueryParameter(
          "agency",
          "Only features whose agency_id equals this agency id (e.g. slcpd); same as agency_id.",
          schema("type", "string"));

  static final QueryParameter AGENCY_ID =
      new QueryParameter(
          "agency_id",
          "Only features whose agency_id property equals this value.",
          schema("type", "string"));

  static final QueryParameter FUNCTION =
      new QueryParameter(
          "function",
          "Only contracts for this function.",
          schema("type", "string", "enum", Coded.ids(Function.class)));

  private QueryParameters() {}

  /**
   * The property filters a collection accepts (each filters the same-named property, {@code agency}
   * the {@code agency_id}).
   */
  static List<QueryParameter> propertyFilters(String collectionId) {
    return switch (collectionId) {
      case "patrol", "dispatch" -> List.of(AGENCY, AGENCY_ID);
      case "contracts" -> List.of(AGENCY, AGENCY_ID, FUNCTION);
      default -> List.of();
    };
  }

  /** The parameters of {@code /collections/{id}/items}, in the order links repeat them. */
  static List<QueryParameter> items(String collectionId) {
    List<QueryParameter> out =
        new ArrayList<>(List.of(LIMIT, OFFSET, BBOX, BBOX_CRS, DATETIME, CRS, FILTER, FILTER_LANG));
    out.addAll(propertyFilters(collectionId));
    out.add(F);
    return out;
  }

  /** The parameters of {@code /collections/{id}/items/{featureId}}. */
  static List<QueryParameter> feature(String collectionId) {
    return List.of(DATETIME, CRS, F);
  }

  /** Every parameter of every resource, once (the API definition's components). */
  static List<QueryParameter> all() {
    Map<String, QueryParameter> out = new LinkedHashMap<>();
    out.put(F.name(), F);
    for (var info : org.patrolmap.layers.Layers.REGISTRY) {
      items(info.id()).forEach(p -> out.putIfAbsent(p.name(), p));
      feature(info.id()).forEach(p -> out.putIfAbsent(p.name(), p));
    }
    return List.copyOf(out.values());
  }

  static Set<String> names(List<QueryParameter> params) {
    Set<String> s = new LinkedHashSet<>();
    params.forEach(p -> s.add(p.name()));
    return s;
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> schema(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
