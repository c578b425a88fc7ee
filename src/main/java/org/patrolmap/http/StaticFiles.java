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
 * <p>Pages ({@code .html}) also carry {@code Link: <tile origin>; rel=preconnect}: the browser
 * opens the connection to the base-map host while it loads the page's code, so the first tiles do
 * not wait for a DNS lookup and TCP/TLS handshakes after the map has started.
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
  private final String preconnect;
  private final Map<String, File> files = new ConcurrentHashMap<>();

  /**
   * @param webRoot the classpath folder of the web map (e.g. {@code /web}), or null to serve only
   *     the WebJars (the map is then served from a folder during development).
   * @param tileUrl the base-map tile URL template, null for none
   */
  public StaticFiles(String webRoot, String tileUrl) {
    this.webRoot = webRoot;
    this.preconnect = preconnectHeader(tileUrl);
  }

  /**
   * The {@code Link} header value that preconnects to the tile host, or null: without tiles, or
   * when the host varies ({@code {s}.tile.example.org}: no single origin to connect to).
   */
  static String preconnectHeader(String tileUrl) {
    if (tileUrl == null || !tileUrl.contains("://")) {
      return null;
    }
    String origin = SecurityHeaders.tileOrigin(tileUrl);
    return origin.contains("*") || origin.contains("{") ? null : "<" + origin + ">; rel=preconnect";
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
    if (preconnect != null && file.type().startsWith("text/html")) {
      ctx.header("Link", preconnect);
    }
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
