package org.patrolmap.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.json.Json;
import org.patrolmap.model.DatabaseUnavailableException;
import org.patrolmap.model.NoDatasetException;
import org.patrolmap.model.ReadOnlyReplicaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every error, from any route or from Javalin itself, in the one JSON shape. A 5xx is
 * logged with its stack trace and answered generically: no SQL, no exception text to the client.
 */
public final class ErrorRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);

  /**
   * Retry-After of a write refused on a read-only replica: the time a load balancer needs to send
   * the retry elsewhere, or an operator to promote the replica.
   */
  public static final int READ_ONLY_RETRY_AFTER_SECONDS = 30;

  /** The details of a 503 {@code read_only_replica} (sorted: role, then writes). */
  private static final Map<String, Object> READ_ONLY_DETAILS =
      java.util.Collections.unmodifiableMap(
          new java.util.TreeMap<>(
              Map.of(
                  "role",
                  "replica",
                  "writes",
                  "send imports, admin actions and corrections to the server on the"
                      + " primary database; they reach this replica by replication"
                      + " within seconds")));

  private ErrorRenderer() {}

  public static void install(Javalin app) {
    app.exception(
        ApiError.class,
        (e, ctx) -> {
          if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
          }
          write(ctx, e.status(), e.type(), e.getMessage(), e.details());
        });
    app.exception(
        org.eclipse.jetty.http.BadMessageException.class,
        (e, ctx) -> {
          // e.g. Jetty's minimum request data rate (408) while a handler reads the body
          ctx.header("Connection", "close");
          int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
          write(
              ctx,
              status,
              status == 408 ? "request_timeout" : typeOf(status),
              status == 408 ? "The request body arrived too slowly" : "Malformed request",
              Map.of(
                  "reason", org.patrolmap.geo.Numbers.abbreviate(String.valueOf(e.getReason()))));
        });
    app.exception(
        org.patrolmap.geo.NodingBudget.ExceededException.class,
        (e, ctx) ->
            write(
                ctx,
                422,
                "too_complex",
                "The footprint is too complex to overlay",
                Map.of(
                    "body",
                    "its edges and the areas' need more than "
                        + e.budget()
                        + " segment comparisons (limit max_segment_pairs); simplify it",
                    "max_segment_pairs",
                    e.budget())));
    app.exception(
        java.util.concurrent.CancellationException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", Integer.toString(Limits.RETRY_AFTER_SECONDS));
          write(ctx, 503, "deadline_exceeded", "The computation was stopped", Map.of());
        });
    app.exception(
        InvalidValueException.class,
        (e, ctx) ->
            write(
                ctx,
                400,
                "bad_request",
                "Invalid parameter '" + e.parameter() + "'",
                Map.of(e.parameter(), e.problem())));
    app.exception(
        NoDatasetException.class,
        (e, ctx) -> {
          ctx.header("Retry-After", "30");
          write(
              ctx, 503, "no_dataset", "No dataset is loaded yet", Map.of("reason", e.getMessage()));
        });
    app.exception(
        DatabaseUnavailableException.class,
        (e, ctx) -> {
          LOG.warn("database unavailable: {}", e.getMessage());
          ctx.header("Retry-After", "5");
          write(
              ctx,
              503,
              "database_unavailable",
              "The database is unavailable; try again shortly",
              Map.of());
        });
    app.exception(
        ReadOnlyReplicaException.class,
        (e, ctx) -> {
          LOG.info("write refused on a read-only replica: {} {}", ctx.method(), ctx.path());
          ctx.header("Retry-After", Integer.toString(READ_ONLY_RETRY_AFTER_SECONDS));
          write(
              ctx,
              503,
              "read_only_replica",
              "This server reads a read-only replica; writes go to the primary",
              READ_ONLY_DETAILS);
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          write(
              ctx,
              status,
              typeOf(status),
              e.getMessage() == null || e.getMessage().isBlank() ? titleOf(status) : e.getMessage(),
              status == 404
                  ? Map.of("path", ctx.path())
                  : status == 405 ? Map.of("method", ctx.method().name()) : Map.of());
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
          write(ctx, 500, "internal_error", "Internal error", Map.of());
        });
    app.error(
        404,
        ctx -> {
          if (!ctx.res().isCommitted() && (ctx.result() == null || !isJsonOrPage(ctx))) {
            write(ctx, 404, "not_found", "No such resource", Map.of("path", ctx.path()));
          }
        });
    app.error(
        405,
        ctx ->
            write(
                ctx,
                405,
                "method_not_allowed",
                "Method not allowed",
                Map.of("method", ctx.method().name())));
  }

  /**
   * Whether a 404 was already answered in the JSON shape or as an HTML page (the OGC HTML error
   * pages); anything else (Javalin's plain text) is replaced by the JSON shape.
   */
  private static boolean isJsonOrPage(Context ctx) {
    String ct = ctx.res().getContentType();
    return ct != null && (ct.contains("json") || ct.startsWith(ContentTypes.HTML));
  }

  /** Writes the error body. Also used by handlers that answer errors without throwing. */
  public static void write(
      Context ctx, int status, String type, String title, Map<String, ?> details) {
    ctx.status(status).contentType(ContentTypes.JSON).result(body(status, type, title, details));
  }

  /**
   * The one error shape {@code {"title","status","type","details"}}, also written by Jetty's error
   * handler.
   */
  static byte[] body(int status, String type, String title, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("status", status);
    body.put("type", type);
    body.put("details", details);
    return Json.bytes(body);
  }

  static String typeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "error";
    };
  }

  private static String titleOf(int status) {
    return switch (status) {
      case 404 -> "No such resource";
      case 413 -> "Request body too large";
      default -> "Error " + status;
    };
  }
}
