package org.patrolmap.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.patrolmap.AppConfig;

/**
 * The Javalin server: one route table built from the {@link Routes} of each face, the filters every
 * request passes (security headers, body limit), the error renderer, the web map (from the jar, or
 * from a folder during development) and Leaflet from its WebJar.
 */
public final class HttpServer {
  /** Where the web map lies on the classpath (packaged from {@code web/}). */
  static final String WEB_RESOURCES = "/web";

  private final Javalin app;
  private volatile int listenPort;

  public HttpServer(AppConfig config, SecurityHeaders headers, List<Routes> faces) {
    this.app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.disableCompression();
              c.http.maxRequestSize = Limits.MAX_BODY_BYTES;
              c.http.prefer405over404 =
                  true; // a public path with another method is a 405, not a 404
              c.router.ignoreTrailingSlashes = true;
              c.router.treatMultipleSlashesAsSingleSlash = true;
              QueuedThreadPool pool = new QueuedThreadPool(64, 8, 60_000);
              pool.setName("http");
              c.jetty.threadPool = pool;
              c.jetty.modifyHttpConfiguration(
                  hc -> hc.setMinRequestDataRate(Limits.MIN_BODY_BYTES_PER_SECOND));
              // Jetty's default backlog (the JDK's 50) overflows under a connection flood, and a
              // dropped SYN costs an honest client a 1 s retransmission
              c.jetty.addConnector(
                  (server, hc) -> {
                    ServerConnector sc =
                        new ServerConnector(server, 1, 4, new HttpConnectionFactory(hc));
                    sc.setHost("0.0.0.0");
                    sc.setPort(listenPort);
                    sc.setAcceptQueueSize(Limits.ACCEPT_QUEUE);
                    return sc;
                  });
              c.jetty.modifyServer(
                  s -> {
                    s.setStopTimeout(2_000);
                    s.setErrorHandler(
                        new JsonBadMessageHandler()); // requests Jetty rejects before routing get
                    // the JSON shape too
                  });
              c.staticFiles.enableWebjars();
              c.staticFiles.add(
                  sf -> {
                    sf.hostedPath = "/";
                    if (config.webDir() == null) {
                      sf.directory = WEB_RESOURCES;
                      sf.location = Location.CLASSPATH;
                    } else {
                      sf.directory = config.webDir().toString();
                      sf.location = Location.EXTERNAL;
                    }
                  });
            });
    ErrorRenderer.install(app);
    app.before(headers::before);
    app.before(Limits::rejectLargeBody);
    app.before(HttpServer::rejectBadEscapes);
    app.before(
        new StaticFiles(config.webDir() == null ? WEB_RESOURCES : null, config.tileUrl())::before);
    if (config.publicUrl() != null) {
      app.before(new HostCheck(config.publicUrl())::before);
    }
    Semaphore bodies = new Semaphore(Limits.MAX_CONCURRENT_BODIES);
    for (Routes face : faces) {
      for (Route r : face.routes()) {
        if (r.method() == HandlerType.GET) {
          // RFC 9110: HEAD is GET without the body (Jetty drops it), with GET's status and headers
          app.addHttpHandler(HandlerType.HEAD, r.path(), r.handler());
        }
        app.addHttpHandler(
            r.method(), r.path(), r.method() == HandlerType.GET ? r.handler() : gated(bodies, r));
      }
    }
  }

  /** Every {@code %} in the path must start an escape of two hex digits ({@code /api/layers/%}). */
  private static final java.util.regex.Pattern BAD_ESCAPE =
      java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

  /**
   * A path with a broken {@code %} escape is a 400 before routing: Javalin would fail decoding its
   * path parameters (a 500).
   */
  static void rejectBadEscapes(io.javalin.http.Context ctx) {
    String uri = ctx.req().getRequestURI();
    if (uri != null && BAD_ESCAPE.matcher(uri).find()) {
      throw new ApiError(
          400,
          "bad_request",
          "Malformed request",
          Map.of("path", "a '%' must start an escape of two hex digits"));
    }
  }

  /**
   * A route that reads a body holds one of {@link Limits#MAX_CONCURRENT_BODIES} permits while it
   * runs; without one it is answered 503 at once, so uploads (slow or costly) never take the
   * threads that GET requests need.
   */
  private static Handler gated(Semaphore bodies, Route r) {
    return ctx -> {
      if (!bodies.tryAcquire()) {
        ctx.header("Connection", "close");
        throw new ApiError(
                503,
                "overloaded",
                "Too many uploads in progress; try again shortly",
                Map.of("max_concurrent_bodies", Limits.MAX_CONCURRENT_BODIES))
            .retryAfter(Limits.RETRY_AFTER_SECONDS);
      }
      try {
        r.handler().handle(ctx);
      } finally {
        bodies.release();
      }
    };
  }

  public HttpServer start(int port) {
    this.listenPort = port;
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }
}
