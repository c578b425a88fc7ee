package org.patrolmap.api;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.formats.EncodedCache;
import org.patrolmap.formats.VectorTiles;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.http.ComputePool;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.CurrentDataset;

/** The {@code /api} routes of the public contract (DESIGN.md), in one table. */
public final class ApiRoutes implements Routes {
  private final LookupHandler lookup;
  private final CatalogHandlers catalog;
  private final LayersHandler layers;
  private final NenaHandler nena;
  private final TilesHandler tiles;
  private final OverlayHandlers overlay;
  private final GeocodeHandler geocode;
  private final SearchHandler search;
  private final ConfigHandler config;
  private final OpenApiHandler openapi;
  private final AttributeHandler attribute;

  public ApiRoutes(
      AppConfig cfg,
      CurrentDataset datasets,
      Layers layers,
      Geocoder geocoder,
      Supplier<LocalDate> today,
      ComputePool compute) {
    this.lookup = new LookupHandler(datasets, today);
    this.catalog = new CatalogHandlers(datasets, cfg);
    ComputePool downloads =
        compute.lane("downloads", Limits.LAYER_BUILD_QUEUE, Limits.LAYER_BUILD_DEADLINE);
    EncodedCache encoded = new EncodedCache(downloads);
    this.layers = new LayersHandler(datasets, layers, encoded, downloads, today);
    this.nena = new NenaHandler(datasets, layers, encoded, today);
    VectorTiles vectorTiles =
        new VectorTiles(compute.lane("tiles", Limits.TILE_QUEUE, Limits.COMPUTE_DEADLINE));
    this.tiles = new TilesHandler(datasets, layers, vectorTiles, cfg, today);
    this.overlay = new OverlayHandlers(datasets, today, compute);
    this.geocode = new GeocodeHandler(geocoder);
    this.search = new SearchHandler(datasets);
    this.config = new ConfigHandler(cfg, datasets, today);
    this.openapi = new OpenApiHandler();
    this.attribute = new AttributeHandler(datasets, today);
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/lookup", lookup::handle),
        Route.get("/api/geocode", geocode::handle),
        Route.get("/api/search", search::handle),
        Route.get("/api/areas", catalog::areas),
        Route.get("/api/areas/{id}", catalog::area),
        Route.get("/api/agencies", catalog::agencies),
        Route.get("/api/agencies/{id}", catalog::agency),
        Route.get("/api/agencies/{id}/vcard", catalog::vcard),
        Route.get("/api/layers", layers::list),
        Route.get("/api/layers/{id}", layers::get),
        Route.get("/api/nena", nena::handle),
        Route.get("/api/tiles/{layer}", tiles::tileJson),
        Route.get("/api/tiles/{layer}/{z}/{x}/{y}", tiles::tile),
        Route.get("/api/footprints", overlay::list),
        Route.get("/api/footprints/{id}/overlay", overlay::footprintOverlay),
        Route.post("/api/overlay", overlay::postOverlay),
        Route.post("/api/attribute", attribute::handle),
        Route.get("/api/config", config::handle),
        Route.get("/api/openapi.json", openapi::handle));
  }
}
