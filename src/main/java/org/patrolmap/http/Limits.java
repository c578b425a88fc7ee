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

  /** Overlays that may wait for a {@link ComputePool} worker; beyond, 503 at once. */
  public static final int COMPUTE_QUEUE = 2 * COMPUTE_WORKERS;

  /** Longest per-request computation (from submission, queueing included). */
  public static final java.time.Duration COMPUTE_DEADLINE = java.time.Duration.ofSeconds(2);

  /**
   * Layer builds for a date not yet cached and GeoPackage/CSV encodings that may wait for a worker
   * (the same workers as overlays); beyond, 503 at once.
   */
  public static final int LAYER_BUILD_QUEUE = 4 * COMPUTE_WORKERS;

  /**
   * Longest wait for a layer build or file encoding (queueing included). Their cost depends on the
   * dataset, not on the request (a few hundred ms each), so this only bounds the queue; a build
   * that outlasts it still completes into the cache for the retry.
   */
  public static final java.time.Duration LAYER_BUILD_DEADLINE = java.time.Duration.ofSeconds(5);

  /**
   * Vector tiles not yet cached that may wait for a worker: a map client asks a screenful (6–20) at
   * once, each a few milliseconds.
   */
  public static final int TILE_QUEUE = 24 * COMPUTE_WORKERS;

  /**
   * OGC item pages (filtered by CQL2, reprojected, encoded: up to a whole layer each) that may wait
   * for a worker; beyond, 503 at once.
   */
  public static final int ITEMS_QUEUE = 8 * COMPUTE_WORKERS;

  /** Bytes of built layers kept in memory (estimated: features, geometry, encoded bodies). */
  public static final long LAYER_CACHE_BYTES = org.patrolmap.layers.Layers.CACHE_BYTES;

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
  public static final double NEAR_BOUNDARY_M = org.patrolmap.model.LookupIndex.NEAR_BOUNDARY_M;

  /** Largest footprint name or description saved by an admin, in characters. */
  public static final int MAX_NAME_CHARS = 200;

  /** Largest body of {@code POST /api/attribute}, counted before and after gunzip: 512 MiB. */
  public static final long MAX_ATTRIBUTE_BODY_BYTES = 512L << 20;

  /** Most rows attributed in one request; the rest get one closing error row. */
  public static final long MAX_ATTRIBUTE_ROWS = 2_000_000;

  /** Attributions running at once in one server; one more is answered 503 with Retry-After. */
  public static final int MAX_CONCURRENT_ATTRIBUTIONS = 2;

  /** Longest an attribution may run (a slow client included) before it stops with an error row. */
  public static final java.time.Duration MAX_ATTRIBUTE_TIME = java.time.Duration.ofMinutes(10);

  /** The path whose body may be large and is read as a stream. */
  static final String ATTRIBUTE_PATH = "/api/attribute";

  private Limits() {}

  /** The largest body accepted on a path. */
  public static long maxBodyBytes(String path) {
    return ATTRIBUTE_PATH.equals(path) ? MAX_ATTRIBUTE_BODY_BYTES : MAX_BODY_BYTES;
  }

  /**
   * Before any handler: a request whose declared {@code Content-Length} exceeds {@link
   * #MAX_BODY_BYTES} is answered 413 without reading its body.
   */
  public static void rejectLargeBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    long max = maxBodyBytes(ctx.path());
    if (declared > max) {
      // without it Jetty would try to read (and discard) the body to keep the connection
      ctx.header("Connection", "close");
      throw tooLarge(max);
    }
  }

  /**
   * Reads the request body, at most {@link #MAX_BODY_BYTES}: also bounds bodies sent without a
   * Content-Length (chunked), which Javalin would otherwise read whole into memory.
   */
  public static byte[] body(Context ctx) {
    return body(ctx, MAX_BODY_BYTES);
  }

  /**
   * Reads the request body, at most {@code maxBytes} (413 beyond), within the body deadlines (408
   * after {@link #BODY_IDLE_TIMEOUT} of silence or {@link #BODY_READ_DEADLINE} in all).
   */
  public static byte[] body(Context ctx, long maxBytes) {
    EndPoint endPoint = endPoint(ctx);
    long idle = endPoint == null ? 0 : endPoint.getIdleTimeout();
    if (endPoint != null) {
      endPoint.setIdleTimeout(BODY_IDLE_TIMEOUT.toMillis());
    }
    long start = System.nanoTime();
    try (InputStream in = ctx.req().getInputStream()) {
      long declared = ctx.req().getContentLengthLong();
      // sized once from Content-Length (already checked against the limit): no regrowth copies
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(
              declared > 0 && declared <= maxBytes ? (int) declared + 1 : 8192);
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          ctx.header("Connection", "close");
          throw tooLarge(maxBytes);
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

  private static ApiError tooLarge(long max) {
    return new ApiError(
        413, "payload_too_large", "Request body too large", Map.of("max_bytes", max));
  }

  /**
   * The request body as a stream of at most {@code maxBytes} (before and after decompression),
   * gunzipped when it says {@code Content-Encoding: gzip} or starts with the gzip magic bytes (a
   * {@code .csv.gz} sent as is). Reading past the limit throws an {@link IOException} saying so;
   * another {@code Content-Encoding} is a 415, a body that is not the gzip it claims a 400.
   */
  public static Body streamedBody(Context ctx, long maxBytes) {
    String enc = ctx.header("Content-Encoding");
    enc = enc == null ? "identity" : enc.trim().toLowerCase(java.util.Locale.ROOT);
    if (!enc.equals("identity") && !enc.equals("gzip") && !enc.equals("x-gzip")) {
      throw new ApiError(
          415,
          "unsupported_media_type",
          "Send the body plain or gzip-encoded",
          Map.of("content_encoding", Numbers.abbreviate(enc)));
    }
    try {
      java.io.BufferedInputStream raw =
          new java.io.BufferedInputStream(
              new BoundedInputStream(ctx.req().getInputStream(), maxBytes), 1 << 16);
      raw.mark(2);
      boolean magic = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (!enc.equals("identity") || magic) {
        return new Body(
            new BoundedInputStream(new java.util.zip.GZIPInputStream(raw, 1 << 16), maxBytes));
      }
      return new Body(raw);
    } catch (java.util.zip.ZipException e) {
      throw new ApiError(
          400,
          "bad_request",
          "The body is not valid gzip",
          Map.of("body", Numbers.abbreviate(String.valueOf(e.getMessage()))));
    } catch (IOException e) {
      throw new ApiError(
          400,
          "bad_request",
          "The request body cannot be read",
          Map.of("body", "incomplete or aborted"));
    }
  }

  /**
   * A streamed request body. Closing it frees the inflater of a gzip body at once and never fails:
   * a client already gone has nothing more to say.
   */
  public static final class Body extends java.io.FilterInputStream {
    Body(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      try {
        super.close();
      } catch (IOException e) {
        // the connection is gone or done; nothing to release beyond what close() did
      }
    }
  }

  /** An input stream that fails once more than {@code max} bytes were read through it. */
  static final class BoundedInputStream extends java.io.FilterInputStream {
    private final long max;
    private long count;

    BoundedInputStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void count(int n) throws IOException {
      count += n;
      if (count > max) {
        throw new IOException("the body is larger than " + max + " bytes");
      }
    }
  }
}
