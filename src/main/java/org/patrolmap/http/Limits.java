package org.patrolmap.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.patrolmap.geo.Numbers;

/**
 * The documented limits of the public API (README "Limits"), enforced before parsing where
 * possible.
 */
public final class Limits {
  /** Largest accepted request body (POST /api/overlay): 1 MiB. */
  public static final long MAX_BODY_BYTES = 1 << 20;

  /** Most vertices in an uploaded footprint polygon. */
  public static final int MAX_VERTICES = 100_000;

  /** Deepest JSON nesting accepted in a body. */
  public static final int MAX_JSON_DEPTH = 64;

  /** Default and maximum page size of OGC items. */
  public static final int DEFAULT_LIMIT = 10;

  public static final int MAX_LIMIT = 1000;

  /** Largest geocoder query, in characters. */
  public static final int MAX_QUERY_CHARS = 200;

  /** Distance within which neighbouring areas are reported by a lookup, in metres. */
  public static final double NEAR_BOUNDARY_M = 50;

  /** Largest footprint name or description saved by an admin, in characters. */
  public static final int MAX_NAME_CHARS = 200;

  private Limits() {}

  /**
   * Before any handler: a request whose declared {@code Content-Length} exceeds {@link
   * #MAX_BODY_BYTES} is answered 413 without reading its body.
   */
  public static void rejectLargeBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
  }

  /**
   * Reads the request body, at most {@link #MAX_BODY_BYTES}: also bounds bodies sent without a
   * Content-Length (chunked), which Javalin would otherwise read whole into memory.
   */
  public static byte[] body(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (b.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return b;
    } catch (IOException e) {
      throw new ApiError(
          400,
          "bad_request",
          "The request body cannot be read",
          Map.of("body", "incomplete or aborted"));
    }
  }

  /**
   * The body of a request that must be GeoJSON (or plain JSON): 415 with {@code hint} for another
   * declared {@code Content-Type}, else the body read within {@link #MAX_BODY_BYTES}.
   */
  public static byte[] geoJsonBody(Context ctx, String hint) {
    String ct = ctx.contentType();
    if (ct != null && !ct.startsWith(ContentTypes.JSON) && !ct.startsWith(ContentTypes.GEOJSON)) {
      throw new ApiError(
          415, "unsupported_media_type", hint, Map.of("content_type", Numbers.abbreviate(ct)));
    }
    return body(ctx);
  }

  private static ApiError tooLarge() {
    return new ApiError(
        413, "payload_too_large", "Request body too large", Map.of("max_bytes", MAX_BODY_BYTES));
  }
}
