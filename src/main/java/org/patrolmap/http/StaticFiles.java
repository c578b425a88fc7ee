package org.patrolmap.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.patrolmap.layers.PreparedBody;

/**
 * The web map's own files (packaged from {@code web/}) and the Leaflet WebJar, served from the
 * classpath as {@link PreparedBody prepared bodies}: read and gzipped once, with a strong ETag, so
 * a phone downloads the compressed bytes once and then revalidates with a 304. The page's files are
 * revalidated on every load ({@code no-cache}); WebJar files carry their version in the path and
 * are cached for a year ({@code immutable}).
 *
 * <p>Registered as a {@code before} filter: a GET or HEAD of a file it holds is answered here, any
 * other request goes on. Only names of known file types under the two roots are looked up, and a
 * name is held only once found, so the cache is bounded by the packaged files.
 */
public final class StaticFiles {
  private static final String WEBJARS = "/webjars/";
  private static final String WEBJAR_ROOT = "/META-INF/resources";
  private static final Pattern SAFE =
      Pattern.compile("/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_.-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "mjs", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "json", "application/json",
          "png", "image/png",
          "txt", "text/plain; charset=utf-8");

  /** A file ready to send. */
  private record File(PreparedBody body, String type, String cacheControl) {}

  private final String webRoot;
  private final Map<String, File> files = new ConcurrentHashMap<>();

  /**
   * @param webRoot the classpath folder of the web map (e.g. {@code /web}), or null to serve only
   *     the WebJars (the map is then served from a folder during development).
   */
  public StaticFiles(String webRoot) {
    this.webRoot = webRoot;
  }

  /** Answers a GET or HEAD of a held file; leaves every other request to the next handlers. */
  public void before(Context ctx) {
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      return;
    }
    Optional<File> f = find(ctx.path());
    if (f.isEmpty()) {
      return;
    }
    File file = f.get();
    ctx.header("Cache-Control", file.cacheControl());
    Responses.file(ctx, file.body(), file.type());
    ctx.skipRemainingHandlers();
  }

  private Optional<File> find(String path) {
    File held = files.get(path);
    if (held != null) {
      return Optional.of(held);
    }
    if (!SAFE.matcher(path).matches() || path.contains("..")) {
      return Optional.empty();
    }
    String resource;
    String cache;
    if (path.startsWith(WEBJARS)) {
      resource = WEBJAR_ROOT + path;
      cache = "public, max-age=31536000, immutable";
    } else if (webRoot != null) {
      resource = webRoot + (path.endsWith("/") ? path + "index.html" : path);
      cache = "no-cache";
    } else {
      return Optional.empty();
    }
    int dot = resource.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(resource.substring(dot + 1));
    if (type == null) {
      return Optional.empty();
    }
    byte[] bytes = read(resource);
    if (bytes == null) {
      return Optional.empty();
    }
    File file = new File(PreparedBody.strong(bytes), type, cache);
    files.put(path, file);
    return Optional.of(file);
  }

  private static byte[] read(String resource) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
