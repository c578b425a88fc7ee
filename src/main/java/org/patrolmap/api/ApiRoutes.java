package org.patrolmap.api;

import io.javalin.Javalin;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.store.DatasetHolder;
import org.patrolmap.layers.Layers;

/** The {@code /api} routes of the public contract (DESIGN.md), in one table. */
public final class ApiRoutes {
  private final LookupHandler lookup;
  private final CatalogHandlers catalog;
  private final LayersHandler layers;
  private final OverlayHandlers overlay;
  private final GeocodeHandler geocode;
  private final ConfigHandler config;
  private final OpenApiHandler openapi;

  public ApiRoutes(AppConfig cfg, DatasetHolder datasets, Layers layers, Geocoder geocoder, Supplier<LocalDate> today) {
    this.lookup = new LookupHandler(datasets, today);
    this.catalog = new CatalogHandlers(datasets);
    this.layers = new LayersHandler(datasets, layers, today);
    this.overlay = new OverlayHandlers(datasets, today);
    this.geocode = new GeocodeHandler(geocoder);
    this.config = new ConfigHandler(cfg, datasets, today);
    this.openapi = new OpenApiHandler(cfg);
  }

  public void register(Javalin app) {
    app.get("/api/lookup", lookup::handle);
    app.get("/api/geocode", geocode::handle);
    app.get("/api/areas", catalog::areas);
    app.get("/api/areas/{id}", catalog::area);
    app.get("/api/agencies", catalog::agencies);
    app.get("/api/agencies/{id}", catalog::agency);
    app.get("/api/layers", layers::list);
    app.get("/api/layers/{id}", layers::get);
    app.get("/api/footprints", overlay::list);
    app.get("/api/footprints/{id}/overlay", overlay::footprintOverlay);
    app.post("/api/overlay", overlay::postOverlay);
    app.get("/api/config", config::handle);
    app.get("/api/openapi.json", openapi::handle);
  }
}
