package org.patrolmap.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Limits;
import org.patrolmap.layers.Layers;

/**
 * The OpenAPI 3.0 definition of {@code /ogc}, built from the same registries the handlers use (the
 * collections of {@link Layers#REGISTRY}, the parameters of {@link ItemsQuery}, the limits of
 * {@link Limits}), so it lists exactly the parameters the server accepts. One concrete path per
 * collection lets clients such as GDAL see each collection's filterable properties.
 */
final class OpenApiDocument {
  private static final String VERSION = "3.0.3";

  private OpenApiDocument() {}

  /** The document for a server whose OGC root is {@code ogc} (absolute). */
  static Map<String, Object> build(String ogc) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", VERSION);
    doc.put(
        "info",
        m(
            "title",
            CollectionDocs.TITLE,
            "description",
            CollectionDocs.DESCRIPTION,
            "version",
            "1.0.0"));
    doc.put("servers", List.of(m("url", ogc, "description", "This server")));
    doc.put(
        "tags",
        List.of(
            m(
                "name",
                "Capabilities",
                "description",
                "Landing page, conformance and API definition"),
            m("name", "Data", "description", "Feature collections and features")));
    doc.put("paths", paths());
    doc.put("components", components());
    return doc;
  }

  private static Map<String, Object> paths() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(
        "/",
        get(
            "Capabilities",
            "getLandingPage",
            "Landing page",
            List.of(ref("f")),
            ok(
                "The landing page with links to the API definition, the conformance declaration and the collections",
                withHtml(json("landingPage")))));
    p.put(
        "/conformance",
        get(
            "Capabilities",
            "getConformanceDeclaration",
            "The conformance classes this server implements",
            List.of(ref("f")),
            ok("The URIs of the conformance classes", withHtml(json("confClasses")))));
    Map<String, Object> apiContent = new LinkedHashMap<>();
    apiContent.put(ContentTypes.OPENAPI, m("schema", m("type", "object")));
    apiContent.put(ContentTypes.JSON, m("schema", m("type", "object")));
    p.put(
        "/api",
        get(
            "Capabilities",
            "getApiDefinition",
            "This API definition (OpenAPI 3.0)",
            List.of(ref("f")),
            ok("The OpenAPI 3.0 document", apiContent)));
    p.put(
        "/docs",
        get(
            "Capabilities",
            "getApiDocumentation",
            "Human-readable documentation of this API",
            List.of(),
            ok("An HTML page", Map.of(ContentTypes.HTML, m("schema", m("type", "string"))))));
    p.put(
        "/collections",
        get(
            "Data",
            "getCollections",
            "The feature collections",
            List.of(ref("f")),
            ok("The collections with their extents and links", withHtml(json("collections")))));
    for (Layers.Info info : Layers.REGISTRY) {
      String id = info.id();
      String op = id.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + id.substring(1);
      p.put(
          "/collections/" + id,
          get(
              "Data",
              "describe" + op + "Collection",
              "Describes the collection '" + id + "'",
              List.of(ref("f")),
              ok("The collection " + info.title(), withHtml(json("collection")))));
      List<Object> params = new ArrayList<>();
      QueryParameters.items(id).forEach(q -> params.add(ref(q.name())));
      Map<String, Object> items =
          get(
              "Data",
              "get" + op + "Features",
              "Features of '" + id + "': " + info.description(),
              params,
              withETag(
                  ok(
                      "A page of features; numberMatched counts every feature that meets the filters, a 'next' link "
                          + "is present on every page but the last",
                      geoJson("featureCollectionGeoJSON"))),
              true,
              false);
      p.put(
          "/collections/" + id + "/queryables",
          get(
              "Data",
              "get" + op + "Queryables",
              "The queryables of '" + id + "': the properties a filter may name (JSON Schema)",
              List.of(ref("f")),
              ok(
                  "A JSON Schema of the queryables",
                  m(
                      ItemsHandlers.SCHEMA_JSON,
                      m("schema", m("type", "object")),
                      ContentTypes.JSON,
                      m("schema", m("type", "object"))))));
      p.put("/collections/" + id + "/items", items);
      p.put(
          "/collections/" + id + "/items/{featureId}",
          get(
              "Data",
              "get" + op + "Feature",
              "One feature of '" + id + "' by its id (ids are stable across requests)",
              featureParameters(id),
              withETag(ok("The feature", geoJson("featureGeoJSON"))),
              true,
              true));
    }
    return p;
  }

  private static Map<String, Object> get(
      String tag, String operationId, String summary, List<Object> params, Map<String, Object> ok) {
    return get(tag, operationId, summary, params, ok, false, false);
  }

  /**
   * A path item with one GET operation.
   *
   * @param features whether the answer carries an ETag (then a 304 is documented)
   * @param byId whether an unknown id is a 404
   */
  private static Map<String, Object> get(
      String tag,
      String operationId,
      String summary,
      List<Object> params,
      Map<String, Object> ok,
      boolean features,
      boolean byId) {
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", features ? withContentCrs(ok) : ok);
    if (features) {
      responses.put(
          "304", m("description", "Not modified: the If-None-Match header names the current ETag"));
    }
    if (!params.isEmpty()) {
      responses.put("400", m("$ref", "#/components/responses/BadRequest"));
    }
    if (byId) {
      responses.put("404", m("$ref", "#/components/responses/NotFound"));
    }
    if (!params.isEmpty()) {
      responses.put("406", m("$ref", "#/components/responses/NotAcceptable"));
    }
    responses.put("503", m("$ref", "#/components/responses/Unavailable"));
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("tags", List.of(tag));
    op.put("summary", summary);
    op.put("operationId", operationId);
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    op.put("responses", responses);
    return m("get", op);
  }

  private static Map<String, Object> ok(String description, Map<String, Object> content) {
    return m("description", description, "content", content);
  }

  private static Map<String, Object> withContentCrs(Map<String, Object> response) {
    Map<String, Object> r = new LinkedHashMap<>(response);
    @SuppressWarnings("unchecked")
    Map<String, Object> headers =
        new LinkedHashMap<>((Map<String, Object>) r.getOrDefault("headers", Map.of()));
    headers.put(
        ItemsHandlers.CONTENT_CRS,
        m(
            "description",
            "The CRS of the coordinates in the answer, as a URI in angle brackets (Part 2)",
            "schema",
            m("type", "string")));
    r.put("headers", headers);
    return r;
  }

  private static Map<String, Object> withETag(Map<String, Object> response) {
    Map<String, Object> r = new LinkedHashMap<>(response);
    r.put(
        "headers",
        m(
            "ETag",
            m(
                "description",
                "Entity tag of the answer, for If-None-Match",
                "schema",
                m("type", "string"))));
    return r;
  }

  private static Map<String, Object> json(String schema) {
    return m(ContentTypes.JSON, m("schema", schemaRef(schema)));
  }

  private static Map<String, Object> geoJson(String schema) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(ContentTypes.GEOJSON, m("schema", schemaRef(schema)));
    c.put(ContentTypes.JSON, m("schema", schemaRef(schema)));
    return withHtml(c);
  }

  /** The content with the HTML page added ({@code f=html}, or a browser's Accept header). */
  private static Map<String, Object> withHtml(Map<String, Object> content) {
    Map<String, Object> c = new LinkedHashMap<>(content);
    c.put(ContentTypes.HTML, m("schema", m("type", "string")));
    return c;
  }

  private static Map<String, Object> ref(String parameter) {
    return m("$ref", "#/components/parameters/" + parameter);
  }

  private static Map<String, Object> schemaRef(String schema) {
    return m("$ref", "#/components/schemas/" + schema);
  }

  private static Map<String, Object> components() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("parameters", parameters());
    c.put("schemas", schemas());
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        "BadRequest", error("A parameter is malformed, out of range, repeated or unknown"));
    responses.put("NotFound", error("No such collection or feature"));
    responses.put(
        "NotAcceptable",
        error(
            "The Accept header admits none of the available media types (use f=json, f=geojson or f=html)"));
    responses.put(
        "Unavailable",
        error("No dataset is loaded yet or the database is unavailable; retry later"));
    c.put("responses", responses);
    return c;
  }

  private static Map<String, Object> error(String description) {
    return m("description", description, "content", json("exception"));
  }

  private static List<Object> featureParameters(String collectionId) {
    List<Object> params = new ArrayList<>();
    params.add(ref("featureId"));
    QueryParameters.feature(collectionId).forEach(q -> params.add(ref(q.name())));
    return params;
  }

  private static Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    QueryParameters.all().forEach(q -> p.put(q.name(), q.openApi()));
    Map<String, Object> fid = new LinkedHashMap<>();
    fid.put("name", "featureId");
    fid.put("in", "path");
    fid.put(
        "description", "The id of a feature (the 'id' member of the features of the collection).");
    fid.put("required", true);
    fid.put("schema", m("type", "string"));
    p.put("featureId", fid);
    return p;
  }

  private static Map<String, Object> schemas() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(
        "link",
        object(
            List.of("href", "rel"),
            m(
                "href",
                m("type", "string"),
                "rel",
                m("type", "string"),
                "type",
                m("type", "string"),
                "title",
                m("type", "string"))));
    Map<String, Object> links = m("type", "array", "items", schemaRef("link"));
    s.put(
        "landingPage",
        object(
            List.of("links"),
            m("title", m("type", "string"), "description", m("type", "string"), "links", links)));
    s.put(
        "confClasses",
        object(
            List.of("conformsTo"),
            m("conformsTo", m("type", "array", "items", m("type", "string")))));
    Map<String, Object> interval =
        m(
            "type",
            "array",
            "minItems",
            2,
            "maxItems",
            2,
            "items",
            m("type", "string", "format", "date-time", "nullable", true));
    Map<String, Object> extent =
        m(
            "type",
            "object",
            "properties",
            m(
                "spatial",
                    m(
                        "type",
                        "object",
                        "properties",
                        m(
                            "bbox",
                                m(
                                    "type",
                                    "array",
                                    "minItems",
                                    1,
                                    "items",
                                    m(
                                        "type",
                                        "array",
                                        "minItems",
                                        4,
                                        "maxItems",
                                        6,
                                        "items",
                                        m("type", "number"))),
                            "crs", m("type", "string"))),
                "temporal",
                    m(
                        "type",
                        "object",
                        "properties",
                        m(
                            "interval", m("type", "array", "minItems", 1, "items", interval),
                            "trs", m("type", "string")))));
    s.put(
        "collection",
        object(
            List.of("id", "links"),
            m(
                "id",
                m("type", "string"),
                "title",
                m("type", "string"),
                "description",
                m("type", "string"),
                "links",
                links,
                "extent",
                extent,
                "itemType",
                m("type", "string"),
                "crs",
                m("type", "array", "items", m("type", "string")),
                "storageCrs",
                m("type", "string", "format", "uri"))));
    s.put(
        "collections",
        object(
            List.of("links", "collections"),
            m(
                "links",
                links,
                "collections",
                m("type", "array", "items", schemaRef("collection")))));
    s.put(
        "geometryGeoJSON",
        object(
            List.of("type", "coordinates"),
            m(
                "type", m("type", "string", "enum", List.of("Polygon", "MultiPolygon")),
                "coordinates", m("type", "array", "items", m("type", "array", "items", m())))));
    s.put(
        "featureGeoJSON",
        object(
            List.of("type", "geometry", "properties"),
            m(
                "type", m("type", "string", "enum", List.of("Feature")),
                "id", m("type", "string"),
                "geometry", schemaRef("geometryGeoJSON"),
                "properties", m("type", "object", "nullable", true),
                "links", links)));
    s.put(
        "featureCollectionGeoJSON",
        object(
            List.of("type", "features"),
            m(
                "type", m("type", "string", "enum", List.of("FeatureCollection")),
                "features", m("type", "array", "items", schemaRef("featureGeoJSON")),
                "links", links,
                "timeStamp", m("type", "string", "format", "date-time"),
                "numberMatched", m("type", "integer", "minimum", 0),
                "numberReturned", m("type", "integer", "minimum", 0))));
    s.put(
        "exception",
        object(
            List.of("title", "status", "type"),
            m(
                "title",
                m("type", "string"),
                "status",
                m("type", "integer"),
                "type",
                m("type", "string"),
                "details",
                m("type", "object"))));
    return s;
  }

  private static Map<String, Object> object(List<String> required, Map<String, Object> properties) {
    return m("type", "object", "required", required, "properties", properties);
  }

  /** An ordered map from alternating keys and values. */
  private static Map<String, Object> m(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
