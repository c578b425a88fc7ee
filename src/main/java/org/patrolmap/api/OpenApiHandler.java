package org.patrolmap.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.patrolmap.http.Params;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.0 description of {@code /api} (a resource kept in
 * step by a test).
 */
final class OpenApiHandler {
  static final String RESOURCE = "/openapi/api.json";
  private final byte[] doc;

  OpenApiHandler() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      this.doc = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void handle(Context ctx) {
    Params.allow(ctx, Set.of());
    ctx.contentType("application/vnd.oai.openapi+json;version=3.0").result(doc);
  }
}
