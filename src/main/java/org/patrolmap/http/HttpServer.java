package org.patrolmap.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Files;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.patrolmap.AppConfig;

/**
 * The Javalin server: every route in one table ({@link #routes}), the error renderer, the web map
 * from {@code web/} and Leaflet from its WebJar.
 */
public final class HttpServer {
  private final Javalin app;

  public HttpServer(AppConfig config, Handlers h) {
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.disableCompression();
      c.http.maxRequestSize = Limits.MAX_BODY_BYTES;
      c.http.prefer405over404 = true; // a public path with another method is a 405, not a 404
      c.router.ignoreTrailingSlashes = true;
      c.router.treatMultipleSlashesAsSingleSlash = true;
      QueuedThreadPool pool = new QueuedThreadPool(64, 8, 60_000);
      pool.setName("http");
      c.jetty.threadPool = pool;
      c.jetty.modifyServer(s -> {
        s.setStopTimeout(2_000);
        s.setErrorHandler(new JsonBadMessageHandler()); // requests Jetty rejects before routing get the JSON shape too
      });
      c.staticFiles.enableWebjars();
      if (Files.isDirectory(config.webDir())) {
        c.staticFiles.add(sf -> {
          sf.hostedPath = "/";
          sf.directory = config.webDir().toString();
          sf.location = Location.EXTERNAL;
        });
      }
    });
    ErrorRenderer.install(app);
    routes(app, h);
  }

  /** All routes of the public contract (DESIGN.md). */
  private static void routes(Javalin app, Handlers h) {
    app.before(h.headers()::before);
    app.before(Limits::rejectLargeBody);
    app.get("/health", h.health()::handle);
    h.api().register(app);
    h.admin().register(app);
    h.ogc().accept(app);
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
}
