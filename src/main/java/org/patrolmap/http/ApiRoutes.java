package org.patrolmap.http;

import io.javalin.Javalin;

/** The {@code /api} routes of the public contract. */
public final class ApiRoutes {
  public ApiRoutes() {}

  public void register(Javalin app) {
    // Filled in by the API handlers.
  }
}
