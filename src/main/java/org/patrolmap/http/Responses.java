package org.patrolmap.http;

import io.javalin.http.Context;
import org.patrolmap.json.Json;
import org.patrolmap.layers.PreparedBody;

/** Writing answers: JSON with the dataset id header; prepared bodies with ETag, 304 and gzip. */
public final class Responses {
  public static final String DATASET_HEADER = "X-Dataset-Id";

  private Responses() {}

  public static void json(Context ctx, long datasetId, Object body) {
    json(ctx, datasetId, Json.bytes(body));
  }

  /** Writes JSON already serialized (e.g. {@link LookupJson}). */
  public static void json(Context ctx, long datasetId, byte[] body) {
    ctx.header(DATASET_HEADER, Long.toString(datasetId));
    ctx.contentType("application/json").result(body);
  }

  /**
   * Writes a prepared body: 304 when {@code If-None-Match} matches the ETag, the gzip bytes when
   * the client accepts gzip (and they were made), otherwise the plain bytes. {@code
   * typeNegotiated}: the media type was chosen from Accept, so caches must vary by it too.
   */
  public static void prepared(
      Context ctx, long datasetId, PreparedBody body, String contentType, boolean typeNegotiated) {
    ctx.header(DATASET_HEADER, Long.toString(datasetId));
    ctx.header("ETag", body.etag());
    ctx.header("Vary", typeNegotiated ? "Accept, Accept-Encoding" : "Accept-Encoding");
    ctx.header("Cache-Control", "public, max-age=60");
    conditional(ctx, body, contentType);
  }

  /**
   * Writes a prepared static file (the caller sets {@code Cache-Control}): ETag, 304, gzip as for
   * {@link #prepared}.
   */
  public static void file(Context ctx, PreparedBody body, String contentType) {
    ctx.header("ETag", body.etag());
    ctx.header("Vary", "Accept-Encoding");
    conditional(ctx, body, contentType);
  }

  private static void conditional(Context ctx, PreparedBody body, String contentType) {
    String inm = ctx.header("If-None-Match");
    if (inm != null && matches(inm, body.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(contentType);
    if (acceptsGzip(ctx) && body.gzip().length > 0) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(body.gzip());
    } else {
      ctx.result(body.json());
    }
  }

  /** Whether the client accepts a gzip-encoded answer. */
  public static boolean acceptsGzip(Context ctx) {
    String ae = ctx.header("Accept-Encoding");
    return ae != null && ae.contains("gzip");
  }

  /**
   * Writes a document whose media type was chosen from the Accept header or {@code f}: it varies by
   * Accept.
   */
  public static void negotiated(Context ctx, String contentType, byte[] body) {
    ctx.header("Vary", "Accept");
    ctx.contentType(contentType).result(body);
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String t : ifNoneMatch.split(",")) {
      String s = t.trim();
      if (s.equals("*") || s.equals(etag) || s.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
