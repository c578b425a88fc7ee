package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import org.patrolmap.AppConfig;
import org.patrolmap.formats.LayerFiles;
import org.patrolmap.formats.VectorTiles;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.Column;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code GET /api/tiles/{layer}/{z}/{x}/{y}.mvt[?date=]}: a layer as Mapbox Vector Tiles in the
 * WebMercatorQuad (XYZ) scheme, zoom 0–16; {@code GET /api/tiles/{layer}[?date=]}: its TileJSON 3.0
 * for MapLibre and other clients.
 */
final class TilesHandler {
  static final Set<String> PARAMS = Set.of("date");
  private final CurrentDataset datasets;
  private final Layers layers;
  private final VectorTiles tiles;
  private final AppConfig config;
  private final Supplier<LocalDate> today;

  TilesHandler(
      CurrentDataset datasets,
      Layers layers,
      VectorTiles tiles,
      AppConfig config,
      Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.layers = layers;
    this.tiles = tiles;
    this.config = config;
    this.today = today;
  }

  void tile(Context ctx) {
    Params.allow(ctx, PARAMS);
    String id = layerId(ctx);
    int z = integer("z", ctx.pathParam("z"), 0, VectorTiles.MAX_ZOOM);
    int max = (1 << z) - 1;
    int x = integer("x", ctx.pathParam("x"), 0, max);
    String yText = ctx.pathParam("y");
    if (!yText.endsWith(".mvt")) {
      throw ApiError.badRequest("y", "the tile path ends in {y}.mvt");
    }
    int y = integer("y", yText.substring(0, yText.length() - 4), 0, max);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, date);
    Responses.prepared(ctx, d.id(), tiles.tile(layer, z, x, y), ContentTypes.MVT, false);
  }

  void tileJson(Context ctx) {
    Params.allow(ctx, PARAMS);
    String id = layerId(ctx);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, date);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", "String");
    for (Column c : LayerFiles.columns(layer)) {
      if (!c.name().equals("feature_id")) {
        fields.put(c.name(), c.type() == Column.Type.TEXT ? "String" : c.type().name());
      }
    }
    Map<String, Object> vl = new LinkedHashMap<>();
    vl.put("id", id);
    vl.put("fields", fields);
    vl.put("minzoom", 0);
    vl.put("maxzoom", VectorTiles.MAX_ZOOM);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tilejson", "3.0.0");
    m.put("name", "patrolmap " + id + (layer.date() == null ? "" : " " + layer.date()));
    m.put("scheme", "xyz");
    String q = layer.date() == null ? "" : "?date=" + layer.date();
    m.put("tiles", List.of(BaseUrl.of(ctx, config) + "/api/tiles/" + id + "/{z}/{x}/{y}.mvt" + q));
    m.put("minzoom", 0);
    m.put("maxzoom", VectorTiles.MAX_ZOOM);
    Envelope e = layer.extent();
    if (e != null) {
      m.put("bounds", List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()));
    }
    m.put("vector_layers", new ArrayList<>(List.of(vl)));
    Responses.json(ctx, d.id(), m);
  }

  private static String layerId(Context ctx) {
    String id = ctx.pathParam("layer");
    if (Layers.info(id).isEmpty()) {
      throw ApiError.notFound("layer", id);
    }
    return id;
  }

  /** A whole number within [min, max], or a 400 naming the parameter. */
  static int integer(String name, String text, int min, int max) {
    if (text == null || !text.matches("[0-9]{1,7}")) {
      throw ApiError.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
    int v = Integer.parseInt(text);
    if (v < min || v > max) {
      throw ApiError.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
    return v;
  }
}
