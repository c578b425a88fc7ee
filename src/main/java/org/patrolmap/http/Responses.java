package org.patrolmap.http;

import org.patrolmap.json.Json;

import io.javalin.http.Context;
import org.patrolmap.layers.Layer;

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
   * Writes a prepared body: 304 when {@code If-None-Match} matches the strong ETag, the gzip bytes
   * when the client accepts gzip, otherwise the plain bytes.
   */
  public static void prepared(Context ctx, long datasetId, Layer.Body body, String contentType) {
    ctx.header(DATASET_HEADER, Long.toString(datasetId));
    ctx.header("ETag", body.etag());
    ctx.header("Vary", "Accept-Encoding");
    ctx.header("Cache-Control", "public, max-age=60");
    String inm = ctx.header("If-None-Match");
    if (inm != null && matches(inm, body.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(contentType);
    String ae = ctx.header("Accept-Encoding");
    if (ae != null && ae.contains("gzip")) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(body.gzip());
    } else {
      ctx.result(body.json());
    }
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
