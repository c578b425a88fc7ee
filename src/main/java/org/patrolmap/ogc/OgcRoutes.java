package org.patrolmap.ogc;

import io.javalin.Javalin;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.store.DatasetHolder;
import org.patrolmap.layers.Layers;

/**
 * The {@code /ogc} routes: OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) over the same
 * layers as {@code /api/layers}, in one table. Registered by {@code App}, so {@code http} does not
 * depend on this package.
 */
public final class OgcRoutes {
  /** The path of the landing page; every OGC resource lies below it. */
  static final String ROOT = "/ogc";
  private final CapabilityHandlers capabilities;
  private final ItemsHandlers items;

  public OgcRoutes(AppConfig cfg, DatasetHolder datasets, Layers layers, Supplier<LocalDate> today) {
    this.capabilities = new CapabilityHandlers(cfg, datasets, layers, today);
    this.items = new ItemsHandlers(cfg, datasets, layers, today);
  }

  public void register(Javalin app) {
    app.get(ROOT, capabilities::landing);
    app.get(ROOT + "/conformance", capabilities::conformance);
    app.get(ROOT + "/api", capabilities::api);
    app.get(ROOT + "/docs", capabilities::docs);
    app.get(ROOT + "/collections", capabilities::collections);
    app.get(ROOT + "/collections/{collectionId}", capabilities::collection);
    app.get(ROOT + "/collections/{collectionId}/items", items::items);
    app.get(ROOT + "/collections/{collectionId}/items/{featureId}", items::item);
  }
}
