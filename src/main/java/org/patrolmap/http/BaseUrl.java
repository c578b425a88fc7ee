package org.patrolmap.http;

import io.javalin.http.Context;
import org.patrolmap.AppConfig;

/** The absolute base URL of this server, for links: PATROLMAP_PUBLIC_URL, else from the request. */
public final class BaseUrl {
  private BaseUrl() {}

  public static String of(Context ctx, AppConfig config) {
    if (config.publicUrl() != null) {
      return config.publicUrl();
    }
    String host = ctx.host();
    if (host == null || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
      host = "localhost:" + ctx.port();
    }
    return ctx.scheme() + "://" + host;
  }
}
