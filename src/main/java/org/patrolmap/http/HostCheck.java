package org.patrolmap.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.patrolmap.geo.Numbers;

/**
 * When {@code PATROLMAP_PUBLIC_URL} is set, a request must name that host (with its port, when it
 * has one) in {@code Host}, or a loopback name (health checks and tools on the machine itself);
 * anything else is answered 421 {@code misdirected_request}. Links never come from {@code Host}
 * then anyway ({@link BaseUrl}); the check keeps requests for other names (DNS rebinding, cache
 * keys poisoned upstream) away from the service.
 */
final class HostCheck {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
  private final String host;
  private final int port;
  private final int schemePort;

  HostCheck(String publicUrl) {
    URI u = URI.create(publicUrl);
    this.host = u.getHost().toLowerCase(Locale.ROOT);
    this.schemePort = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    this.port = u.getPort() >= 0 ? u.getPort() : schemePort;
  }

  void before(Context ctx) {
    String h = ctx.header("Host");
    if (h == null || !allowed(h.trim().toLowerCase(Locale.ROOT))) {
      throw new ApiError(
          421,
          "misdirected_request",
          "This server answers only for its public host",
          Map.of("host", h == null ? "" : Numbers.abbreviate(h), "expected", host));
    }
  }

  boolean allowed(String h) {
    int colon = h.lastIndexOf(':');
    String name = colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
    String p = colon > h.lastIndexOf(']') ? h.substring(colon + 1) : null;
    if (LOOPBACK.contains(name)) {
      return true;
    }
    return name.equals(host) && (p == null ? port == schemePort : p.equals(Integer.toString(port)));
  }
}
