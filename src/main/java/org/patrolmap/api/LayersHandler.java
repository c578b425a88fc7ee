package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.geo.Bbox;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.FeatureFilter;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.PreparedBody;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code GET /api/layers} and {@code GET /api/layers/{id}}: RFC 7946 GeoJSON layers as of a date.
 */
final class LayersHandler {
  static final Set<String> PARAMS = Set.of("date", "bbox", "agency", "download", "detail");
  private final CurrentDataset datasets;
  private final Layers layers;
  private final Supplier<LocalDate> today;

  LayersHandler(CurrentDataset datasets, Layers layers, Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.layers = layers;
    this.today = today;
  }

  void list(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Responses.json(
        ctx,
        d.id(),
        Layers.REGISTRY.stream()
            .map(
                i -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", i.id());
                  m.put("title", i.title());
                  m.put("description", i.description());
                  m.put("dated", i.dated());
                  m.put("url", "/api/layers/" + i.id());
                  return m;
                })
            .toList());
  }

  void get(Context ctx) {
    Params.allow(ctx, PARAMS);
    String id = ctx.pathParam("id");
    if (Layers.info(id).isEmpty()) {
      throw ApiError.notFound("layer", id);
    }
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    Bbox bbox = ctx.queryParam("bbox") == null ? null : Bbox.parse("bbox", ctx.queryParam("bbox"));
    String agency = ctx.queryParam("agency");
    boolean download = parseDownload(ctx.queryParam("download"));
    boolean low = parseDetail(ctx.queryParam("detail"));
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, date, low);
    PreparedBody body =
        bbox == null && agency == null
            ? layer.body()
            : PreparedBody.strong(
                Layer.collection(
                    FeatureFilter.filter(
                        layer.features(),
                        bbox,
                        agency == null ? Map.of() : Map.of("agency_id", agency))));
    if (download) {
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\"patrolmap-"
              + id
              + (layer.date() == null ? "" : "-" + layer.date())
              + ".geojson\"");
    }
    Responses.prepared(ctx, d.id(), body, ContentTypes.GEOJSON, false);
  }

  /** {@code detail=low}: boundaries simplified for a whole-region view; {@code full} (default). */
  private static boolean parseDetail(String v) {
    if (v == null || v.equals("full")) {
      return false;
    }
    if (v.equals("low")) {
      return true;
    }
    throw ApiError.badRequest("detail", "must be low or full");
  }

  private static boolean parseDownload(String v) {
    if (v == null) {
      return false;
    }
    return switch (v) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw ApiError.badRequest("download", "must be 1 or 0");
    };
  }
}
