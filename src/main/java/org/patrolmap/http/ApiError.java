package org.patrolmap.http;

import java.util.Map;

/**
 * An error answer in the one shape of the API: {@code {"title","status","type","details"}}. Thrown
 * by handlers and parsers, rendered by {@link ErrorRenderer}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final Map<String, Object> details;
  private int retryAfterSeconds;

  public ApiError(int status, String type, String title, Map<String, Object> details) {
    super(title);
    this.status = status;
    this.type = type;
    this.details = details == null ? Map.of() : details;
  }

  public static ApiError badRequest(String parameter, String problem) {
    return new ApiError(
        400, "bad_request", "Invalid parameter '" + parameter + "'", Map.of(parameter, problem));
  }

  public static ApiError notFound(String what, String id) {
    return new ApiError(404, "not_found", "No " + what + " '" + id + "'", Map.of(what, id));
  }

  /** Asks the client to retry after this many seconds ({@code Retry-After}); returns this. */
  public ApiError retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Seconds for {@code Retry-After}, or 0 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public Map<String, Object> details() {
    return details;
  }
}
