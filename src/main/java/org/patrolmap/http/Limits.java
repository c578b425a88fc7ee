package org.patrolmap.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
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

  /**
   * Most candidate segment pairs (edges whose envelopes overlap) the geometry work of one upload
   * may compare: validity, then each area's prepared test and intersection ({@link
   * org.patrolmap.geo.NodingBudget}). Ordinary outlines, even of 100,000 vertices, need a few
   * thousand; stars of thin spikes need the square of their vertices.
   */
  public static final long MAX_SEGMENT_PAIRS = 200_000;

  /** Most polygons (parts) in an uploaded footprint. */
  public static final int MAX_PARTS = 500;

  /** Most holes (inner rings) in an uploaded footprint, all parts together. */
  public static final int MAX_HOLES = 500;

  /**
   * Most JSON tokens in a body (a position {@code [lon, lat]} is 4): bounds parsing work for bodies
   * that are mostly not coordinates, e.g. 1 MiB of {@code {}} (amplification).
   */
  public static final int MAX_JSON_TOKENS = 600_000;

  /** Workers of a {@link ComputePool}: half the cores, at least one. */
  public static final int COMPUTE_WORKERS =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  /** Requests that may wait for a {@link ComputePool} worker; beyond, 503 at once. */
  public static final int COMPUTE_QUEUE = 2 * COMPUTE_WORKERS;

  /** Longest per-request computation (from submission, queueing included). */
  public static final java.time.Duration COMPUTE_DEADLINE = java.time.Duration.ofSeconds(2);

  /** The {@code Retry-After} of a 503 for a full pool or an exceeded deadline. */
  public static final int RETRY_AFTER_SECONDS = 2;

  /**
   * Request bodies read at once (all POST routes together); beyond, 503 at once, so uploads never
   * hold the threads GET requests need.
   */
  public static final int MAX_CONCURRENT_BODIES = 16;

  /**
   * Slowest accepted body, in bytes per second averaged from its first byte (Jetty's minimum
   * request data rate): a client dripping one byte every few seconds gets 408 on its second byte.
   */
  public static final long MIN_BODY_BYTES_PER_SECOND = 8 * 1024;

  /** Longest time to read a whole body, however steadily it arrives. */
  public static final java.time.Duration BODY_READ_DEADLINE = java.time.Duration.ofSeconds(10);

  /** Connections waiting to be accepted (the listen backlog). */
  public static final int ACCEPT_QUEUE = 1024;

  /** Longest silence while a body is read (the connection's idle timeout meanwhile). */
  public static final java.time.Duration BODY_IDLE_TIMEOUT = java.time.Duration.ofSeconds(5);

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
      // without it Jetty would try to read (and discard) the body to keep the connection
      ctx.header("Connection", "close");
      throw tooLarge();
    }
  }

  /**
   * Reads the request body, at most {@link #MAX_BODY_BYTES}: also bounds bodies sent without a
   * Content-Length (chunked), which Javalin would otherwise read whole into memory.
   */
  public static byte[] body(Context ctx) {
    EndPoint endPoint = endPoint(ctx);
    long idle = endPoint == null ? 0 : endPoint.getIdleTimeout();
    if (endPoint != null) {
      endPoint.setIdleTimeout(BODY_IDLE_TIMEOUT.toMillis());
    }
    long start = System.nanoTime();
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        if (out.size() > MAX_BODY_BYTES) {
          ctx.header("Connection", "close");
          throw tooLarge();
        }
        if (System.nanoTime() - start > BODY_READ_DEADLINE.toNanos()) {
          ctx.header("Connection", "close");
          throw new ApiError(
              408,
              "request_timeout",
              "The request body arrived too slowly",
              Map.of("max_read_seconds", BODY_READ_DEADLINE.toSeconds()));
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      ctx.header("Connection", "close");
      if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
        throw new ApiError(
            408,
            "request_timeout",
            "The request body stopped arriving",
            Map.of("max_silence_seconds", BODY_IDLE_TIMEOUT.toSeconds()));
      }
      throw new ApiError(
          400,
          "bad_request",
          "The request body cannot be read",
          Map.of("body", "incomplete or aborted"));
    } finally {
      if (endPoint != null) {
        endPoint.setIdleTimeout(idle);
      }
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

  private static EndPoint endPoint(Context ctx) {
    Request base = Request.getBaseRequest(ctx.req());
    return base == null || base.getHttpChannel() == null
        ? null
        : base.getHttpChannel().getEndPoint();
  }

  private static ApiError tooLarge() {
    return new ApiError(
        413, "payload_too_large", "Request body too large", Map.of("max_bytes", MAX_BODY_BYTES));
  }
}
