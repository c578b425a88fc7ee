package org.patrolmap.ogc;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.ComputePool;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.http.SecurityHeaders;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.CurrentDataset;

/**
 * The {@code /ogc} routes: OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) over the
 * same layers as {@code /api/layers}, as rows of the one route table. A request asking for HTML
 * ({@code f=html}, or a browser's Accept header) gets its 4xx as a page too.
 */
public final class OgcRoutes implements Routes {
  /** The path of the landing page; every OGC resource lies below it. */
  static final String ROOT = "/ogc";

  private final AppConfig cfg;
  private final String csp;
  private final CapabilityHandlers capabilities;
  private final ItemsHandlers items;

  public OgcRoutes(
      AppConfig cfg,
      CurrentDataset datasets,
      Layers layers,
      Supplier<LocalDate> today,
      ComputePool compute) {
    this.cfg = cfg;
    this.csp = new SecurityHeaders(cfg.tileUrl()).contentSecurityPolicy();
    this.capabilities = new CapabilityHandlers(cfg, datasets, layers, today, csp);
    this.items =
        new ItemsHandlers(
            cfg,
            datasets,
            layers,
            today,
            csp,
            compute.lane("items", Limits.ITEMS_QUEUE, Limits.COMPUTE_DEADLINE));
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(ROOT, pages(capabilities::landing)),
        Route.get(ROOT + "/conformance", pages(capabilities::conformance)),
        Route.get(ROOT + "/api", capabilities::api),
        Route.get(ROOT + "/docs", capabilities::docs),
        Route.get(ROOT + "/collections", pages(capabilities::collections)),
        Route.get(ROOT + "/collections/{collectionId}", pages(capabilities::collection)),
        Route.get(ROOT + "/collections/{collectionId}/queryables", items::queryables),
        Route.get(ROOT + "/collections/{collectionId}/items", pages(items::items)),
        Route.get(ROOT + "/collections/{collectionId}/items/{featureId}", pages(items::item)));
  }

  /**
   * The handler of a resource with an HTML form: a bad request from a client asking for HTML is
   * answered with an error page (same status and details as the JSON error); other clients get the
   * JSON error shape from the one error renderer.
   */
  private Handler pages(Handler h) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (ApiError e) {
        if (!htmlError(ctx, e.status(), e.getMessage(), e.details())) {
          throw e;
        }
      } catch (InvalidValueException e) {
        if (!htmlError(
            ctx,
            400,
            "Invalid parameter '" + e.parameter() + "'",
            Map.of(e.parameter(), e.problem()))) {
          throw e;
        }
      }
    };
  }

  private boolean htmlError(Context ctx, int status, String title, Map<String, Object> details) {
    if (status >= 500 || !MediaTypes.wantsHtml(ctx.queryParam("f"), ctx.header("Accept"))) {
      return false;
    }
    HtmlPages.write(
        ctx, csp, status, HtmlPages.error(BaseUrl.of(ctx, cfg), status, title, details));
    return true;
  }
}
