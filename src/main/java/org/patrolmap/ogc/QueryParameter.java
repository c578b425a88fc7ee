package org.patrolmap.ogc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One query parameter of the OGC resources as the API definition describes it: the Part 1 OpenAPI
 * fragment ({@code name}, {@code in: query}, {@code required: false}, {@code schema}, {@code style:
 * form}, {@code explode: false}) with a description. The handlers accept exactly the parameters
 * {@link QueryParameters} lists, so the definition and the server cannot drift.
 */
record QueryParameter(String name, String description, Map<String, Object> schema) {

  /** The OpenAPI 3.0 parameter object. */
  Map<String, Object> openApi() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("name", name);
    q.put("in", "query");
    q.put("description", description);
    q.put("required", false);
    q.put("schema", schema);
    q.put("style", "form");
    q.put("explode", false);
    return q;
  }
}
