package org.patrolmap.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.List;
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
    app.before(HttpServer::rejectMalformedEscapes);
    app.before(new StaticFiles(config.webDir() == null ? WEB_RESOURCES : null)::before);
    for (Routes face : faces) {
      for (Route r : face.routes()) {
        app.addHttpHandler(r.method(), r.path(), r.handler());
      }
    }
  }

  public HttpServer start(int port) {
    app.start("0.0.0.0", port);
    return this;
  }

  public int port() {
    return app.port();
  }

  public void stop() {
    app.stop();
  }

  /**
   * A path with a {@code %} not followed by two hex digits cannot be decoded into path parameters
   * (Javalin would throw while matching {@code /api/layers/{id}}): 400 before routing.
   */
  private static void rejectMalformedEscapes(io.javalin.http.Context ctx) {
    String raw = ctx.req().getRequestURI();
    if (raw != null && raw.indexOf('%') >= 0 && !raw.matches("([^%]|%[0-9A-Fa-f]{2})*")) {
      throw ApiError.badRequest("path", "malformed percent-escape in the path");
    }
  }
}
