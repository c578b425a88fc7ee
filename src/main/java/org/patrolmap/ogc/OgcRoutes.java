package org.patrolmap.ogc;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.CurrentDataset;

/**
 * The {@code /ogc} routes: OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) over the same
 * layers as {@code /api/layers}, as rows of the one route table.
 */
public final class OgcRoutes implements Routes {
  /** The path of the landing page; every OGC resource lies below it. */
  static final String ROOT = "/ogc";

  private final CapabilityHandlers capabilities;
  private final ItemsHandlers items;

  public OgcRoutes(
      AppConfig cfg, CurrentDataset datasets, Layers layers, Supplier<LocalDate> today) {
    this.capabilities = new CapabilityHandlers(cfg, datasets, layers, today);
    this.items = new ItemsHandlers(cfg, datasets, layers, today);
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(ROOT, capabilities::landing),
        Route.get(ROOT + "/conformance", capabilities::conformance),
        Route.get(ROOT + "/api", capabilities::api),
        Route.get(ROOT + "/docs", capabilities::docs),
        Route.get(ROOT + "/collections", capabilities::collections),
        Route.get(ROOT + "/collections/{collectionId}", capabilities::collection),
        Route.get(ROOT + "/collections/{collectionId}/items", items::items),
        Route.get(ROOT + "/collections/{collectionId}/items/{featureId}", items::item));
  }
}
