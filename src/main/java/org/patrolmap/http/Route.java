package org.patrolmap.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One row of the route table: method, path (Javalin syntax, e.g. {@code /api/areas/{id}}) and
 * handler.
 */
public record Route(HandlerType method, String path, Handler handler) {
  public static Route get(String path, Handler handler) {
    return new Route(HandlerType.GET, path, handler);
  }

  public static Route post(String path, Handler handler) {
    return new Route(HandlerType.POST, path, handler);
  }
}
