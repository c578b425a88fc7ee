package org.patrolmap.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.layers.LayerFeature;

/**
 * The queryables of a collection (OGC API – Features Part 3): the properties a CQL2 filter may
 * name, with their types, read from the collection's features (so a collection added to the layer
 * registry gets its queryables without code here), plus {@code geometry}. A property whose values
 * are lists is not queryable (Basic CQL2 compares single values).
 */
record Queryables(Map<String, Type> properties) {
  static final String GEOMETRY = "geometry";

  /** The type of a queryable, as JSON Schema names it. */
  enum Type {
    STRING,
    DATE,
    NUMBER,
    BOOLEAN,
    GEOMETRY
  }

  static Queryables of(List<LayerFeature> features) {
    Map<String, Type> out = new LinkedHashMap<>();
    java.util.Set<String> nullOnly = new java.util.LinkedHashSet<>();
    for (LayerFeature f : features) {
      for (Map.Entry<String, Object> e : f.properties().entrySet()) {
        Type t = typeOf(e.getValue());
        if (t != null) {
          out.merge(e.getKey(), t, (a, b) -> a == b ? a : a == Type.DATE ? b : a);
        } else if (e.getValue() == null) {
          nullOnly.add(e.getKey());
        }
      }
    }
    nullOnly.forEach(k -> out.putIfAbsent(k, Type.STRING));
    out.entrySet().removeIf(e -> e.getKey().equals(GEOMETRY));
    out.put(GEOMETRY, Type.GEOMETRY);
    return new Queryables(out);
  }

  private static Type typeOf(Object v) {
    if (v instanceof String s) {
      return s.matches("\\d{4}-\\d{2}-\\d{2}") ? Type.DATE : Type.STRING;
    }
    if (v instanceof Number) {
      return Type.NUMBER;
    }
    if (v instanceof Boolean) {
      return Type.BOOLEAN;
    }
    return null;
  }

  /** The JSON Schema document of {@code /collections/{id}/queryables}. */
  Map<String, Object> schema(String id, String title) {
    Map<String, Object> props = new LinkedHashMap<>();
    properties.forEach(
        (name, type) ->
            props.put(
                name,
                switch (type) {
                  case STRING -> Map.of("title", name, "type", "string");
                  case DATE -> Map.of("title", name, "type", "string", "format", "date");
                  case NUMBER -> Map.of("title", name, "type", "number");
                  case BOOLEAN -> Map.of("title", name, "type", "boolean");
                  case GEOMETRY ->
                      Map.of(
                          "title",
                          "The geometry of the feature",
                          "format",
                          "geometry-multipolygon",
                          "x-ogc-role",
                          "primary-geometry");
                }));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("$schema", "https://json-schema.org/draft/2019-09/schema");
    m.put("$id", id);
    m.put("type", "object");
    m.put("title", title);
    m.put("properties", props);
    m.put("additionalProperties", false);
    return m;
  }
}
