package org.patrolmap.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.geocode.GeocoderException;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.json.Json;

/** {@code GET /api/geocode?q=}: address search through the configured geocoder. */
final class GeocodeHandler {
  static final Set<String> PARAMS = Set.of("q");
  private final Geocoder geocoder;

  GeocodeHandler(Geocoder geocoder) {
    this.geocoder = geocoder;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw ApiError.badRequest(
          "q", "is required: an address such as '110 Church St, Ferguson, MO'");
    }
    if (q.length() > Limits.MAX_QUERY_CHARS || q.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest(
          "q", "must be at most " + Limits.MAX_QUERY_CHARS + " printable characters");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.trim());
    try {
      body.put("candidates", geocoder.geocode(q.trim()));
    } catch (GeocoderException e) {
      throw new ApiError(
          e.timeout() ? 504 : 502,
          e.timeout() ? "geocoder_timeout" : "geocoder_unavailable",
          e.timeout() ? "The address service did not answer in time" : "The address service failed",
          Map.of("reason", e.getMessage()));
    }
    ctx.contentType("application/json").result(Json.bytes(body));
  }
}
