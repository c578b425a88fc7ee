package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.formats.EncodedCache;
import org.patrolmap.formats.LayerFiles;
import org.patrolmap.geo.Bbox;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.BoundedWork;
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
  static final Set<String> PARAMS = Set.of("date", "bbox", "agency", "download", "f", "detail");

  /** The download formats of {@code f}: GeoJSON (default), GeoPackage, CSV with WKT. */
  static final List<String> FORMATS = List.of("geojson", "gpkg", "csv");

  private final CurrentDataset datasets;
  private final Layers layers;
  private final EncodedCache encoded;
  private final BoundedWork encodings;
  private final Supplier<LocalDate> today;

  LayersHandler(
      CurrentDataset datasets,
      Layers layers,
      EncodedCache encoded,
      BoundedWork encodings,
      Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.layers = layers;
    this.encoded = encoded;
    this.encodings = encodings;
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
                  m.put(
                      "downloads",
                      Map.of(
                          "geojson", "/api/layers/" + i.id() + "?download=1",
                          "gpkg", "/api/layers/" + i.id() + "?f=gpkg",
                          "csv", "/api/layers/" + i.id() + "?f=csv"));
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
    String format = format(ctx.queryParam("f"));
    double tolerance = parseDetail(ctx.queryParam("detail"));
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, date, tolerance);
    boolean filtered = bbox != null || agency != null;
    Layer chosen =
        filtered
            ? new Layer(
                id,
                layer.datasetId(),
                layer.date(),
                FeatureFilter.filter(
                    layer.features(),
                    bbox,
                    agency == null ? Map.of() : Map.of("agency_id", agency)))
            : layer;
    String name = "patrolmap-" + id + (layer.date() == null ? "" : "-" + layer.date());
    switch (format) {
      case "gpkg", "csv" -> {
        boolean gpkg = format.equals("gpkg");
        Supplier<byte[]> build =
            gpkg
                ? () -> LayerFiles.geoPackage(List.of(chosen), d.info().importedAt())
                : () -> LayerFiles.csv(chosen);
        Responses.attachment(ctx, name + "." + format);
        Responses.prepared(
            ctx,
            d.id(),
            filtered ? encoded.uncached(build) : encoded.get(List.of(layer), format, build),
            gpkg ? ContentTypes.GEOPACKAGE : ContentTypes.CSV,
            false);
      }
      default -> {
        PreparedBody body =
            filtered
                ? encoded.uncached(() -> Layer.collection(chosen.features()))
                : layer.hasBody() ? layer.body() : encodings.run(layer::body);
        if (download) {
          Responses.attachment(ctx, name + ".geojson");
        }
        Responses.prepared(ctx, d.id(), body, ContentTypes.GEOJSON, false);
      }
    }
  }

  /** {@code f}: one of {@link #FORMATS}; absent = GeoJSON. */
  static String format(String f) {
    if (f == null) {
      return "geojson";
    }
    if (!FORMATS.contains(f)) {
      throw ApiError.badRequest("f", "must be one of " + String.join(", ", FORMATS));
    }
    return f;
  }

  /**
   * {@code detail}: the simplification tolerance in degrees: {@code full} (default) none, {@code
   * low} for a town-to-county view, {@code overview} for the whole region on one screen.
   */
  static double parseDetail(String v) {
    if (v == null || v.equals("full")) {
      return 0;
    }
    return switch (v) {
      case "low" -> Layers.SIMPLIFY_TOLERANCE;
      case "overview" -> Layers.OVERVIEW_TOLERANCE;
      default -> throw ApiError.badRequest("detail", "must be full, low or overview");
    };
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
