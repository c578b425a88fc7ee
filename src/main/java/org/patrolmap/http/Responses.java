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

  /** Marks the answer as a file to save under {@code filename}. */
  public static void attachment(Context ctx, String filename) {
    ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  }

  /** Whether the client accepts a gzip-encoded answer. */
  public static boolean acceptsGzip(Context ctx) {
    return acceptsGzip(ctx.header("Accept-Encoding"));
  }

  /**
   * Whether an {@code Accept-Encoding} value admits gzip (RFC 9110 12.5.3): {@code gzip} (or {@code
   * x-gzip}) with a non-zero quality, or {@code *} with a non-zero quality when gzip is not named;
   * {@code gzip;q=0} refuses it.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Double gzip = null;
    Double any = null;
    for (String part : acceptEncoding.split(",", 32)) {
      String[] p = part.split(";", -1);
      String coding = p[0].trim().toLowerCase(java.util.Locale.ROOT);
      double q = 1;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].trim().toLowerCase(java.util.Locale.ROOT);
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
          q = q > 0 && q <= 1 ? q : 0; // NaN and out-of-range values refuse
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = gzip == null ? q : Math.max(gzip, q);
      } else if (coding.equals("*")) {
        any = q;
      }
    }
    return gzip != null ? gzip > 0 : any != null && any > 0;
  }

  /**
   * Writes a document whose media type was chosen from the Accept header or {@code f}: it varies by
   * Accept.
   */
  public static void negotiated(Context ctx, String contentType, byte[] body) {
    ctx.header("Vary", "Accept");
    ctx.contentType(contentType).result(body);
  }

  /** Writes a body to a stream; see {@link #stream}. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(java.io.OutputStream out) throws java.io.IOException;
  }

  /**
   * Streams an answer that is written while it is computed (status 200, gzip when the client
   * accepts it, as an attachment named {@code filename}). A client that goes away makes the next
   * write fail: the work stops there, logged at debug level, since no answer can reach it any more.
   */
  public static void stream(
      Context ctx, long datasetId, String contentType, String filename, BodyWriter body) {
    boolean gzip = acceptsGzip(ctx);
    ctx.status(200);
    ctx.header(DATASET_HEADER, Long.toString(datasetId));
    ctx.header("Vary", "Accept-Encoding");
    attachment(ctx, filename);
    ctx.contentType(contentType);
    if (gzip) {
      ctx.header("Content-Encoding", "gzip");
    }
    try {
      java.io.OutputStream raw = ctx.res().getOutputStream();
      java.io.OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(raw, 1 << 16) : raw;
      body.write(out);
      if (out instanceof java.util.zip.GZIPOutputStream g) {
        g.finish();
      }
      raw.flush();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      org.slf4j.LoggerFactory.getLogger(Responses.class)
          .debug("{} {}: client gone mid-answer: {}", ctx.method(), ctx.path(), e.toString());
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
