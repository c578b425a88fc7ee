package org.patrolmap.http;

import io.javalin.http.Context;

/**
 * Headers on every answer: CORS lets any origin GET (and nothing else); the page gets a Content
 * Security Policy allowing only its own scripts and the configured tile host.
 */
public final class SecurityHeaders {
  private final String csp;

  public SecurityHeaders(String tileUrl) {
    String tiles = tileUrl == null ? "" : " " + tileOrigin(tileUrl);
    this.csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
            + tiles
            + "; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
  }

  /**
   * The Content-Security-Policy of the web map; HTML answers outside the map's paths (the OGC HTML
   * pages) carry the same one.
   */
  public String contentSecurityPolicy() {
    return csp;
  }

  /** {@code https://{s}.tile.example.org/{z}/..} becomes {@code https://*.tile.example.org}. */
  static String tileOrigin(String tileUrl) {
    int scheme = tileUrl.indexOf("://");
    int slash = tileUrl.indexOf('/', scheme + 3);
    String host = tileUrl.substring(scheme + 3, slash < 0 ? tileUrl.length() : slash);
    return tileUrl.substring(0, scheme) + "://" + host.replaceAll("\\{[a-z]+\\}", "*");
  }

  /** The path as routed: Javalin treats {@code //admin//import} as {@code /admin/import}. */
  static String routedPath(Context ctx) {
    return ctx.path().replaceAll("/{2,}", "/");
  }

  public void before(Context ctx) {
    String path = routedPath(ctx);
    // admin answers carry no CORS grant: same-origin or non-browser clients only
    if (!path.startsWith("/admin")) {
      ctx.header("Access-Control-Allow-Origin", "*");
      ctx.header("Access-Control-Allow-Methods", "GET");
      ctx.header("Access-Control-Expose-Headers", "ETag, X-Dataset-Id");
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (!path.startsWith("/api") && !path.startsWith("/ogc")) {
      ctx.header("Content-Security-Policy", csp);
      ctx.header("X-Frame-Options", "DENY");
    }
    if (ctx.method() == io.javalin.http.HandlerType.OPTIONS) {
      preflight(ctx);
      ctx.skipRemainingHandlers();
    }
  }

  /**
   * {@code OPTIONS} (a CORS preflight): 204 granting GET with the conditional-request headers, and
   * nothing else; a browser asking to POST, PUT or DELETE from another origin is thus refused.
   * Admin paths grant nothing.
   */
  void preflight(Context ctx) {
    if (!routedPath(ctx).startsWith("/admin")) {
      ctx.header("Access-Control-Allow-Headers", "If-None-Match, Accept, Accept-Language");
      ctx.header("Access-Control-Max-Age", "600");
    }
    ctx.status(204);
  }
}
