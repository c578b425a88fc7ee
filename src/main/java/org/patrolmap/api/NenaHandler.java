package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.patrolmap.formats.EncodedCache;
import org.patrolmap.formats.LayerFiles;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.Nena;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code GET /api/nena[?date=&f=json|gpkg]}: the NENA NG9-1-1 pair ({@code PsapPolygon}, {@code
 * PolicePolygon}) as of a date — as JSON, the companion report (every required value left empty and
 * why, the areas left out because nobody is known, links); as {@code gpkg}, one GeoPackage holding
 * both tables exactly as the NENA template declares them.
 */
final class NenaHandler {
  static final Set<String> PARAMS = Set.of("date", "f");
  static final List<String> LAYERS = List.of("nena-psap", "nena-police");

  private final CurrentDataset datasets;
  private final Layers layers;
  private final EncodedCache encoded;
  private final Supplier<LocalDate> today;

  NenaHandler(
      CurrentDataset datasets, Layers layers, EncodedCache encoded, Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.layers = layers;
    this.encoded = encoded;
    this.today = today;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    String f = ctx.queryParam("f") == null ? "json" : ctx.queryParam("f");
    if (!f.equals("json") && !f.equals("gpkg")) {
      throw ApiError.badRequest("f", "must be json or gpkg");
    }
    Dataset d = datasets.current();
    List<Layer> pair = LAYERS.stream().map(id -> layers.get(d, id, date)).toList();
    if (f.equals("gpkg")) {
      Responses.attachment(ctx, "patrolmap-nena-ng911-" + date + ".gpkg");
      Responses.prepared(
          ctx,
          d.id(),
          encoded.get(pair, "gpkg", () -> LayerFiles.geoPackage(pair, d.info().importedAt())),
          ContentTypes.GEOPACKAGE,
          false);
      return;
    }
    Responses.json(ctx, d.id(), report(d, date, pair));
  }

  /** The areas of a provider layer's features with this status (known, by_rule, unknown). */
  private static List<Object> areasWithStatus(Layer source, String status) {
    return source.features().stream()
        .map(LayerFeature::properties)
        .filter(p -> status.equals(p.get("status")))
        .flatMap(p -> ((List<?>) p.get("areas")).stream().map(Object.class::cast))
        .toList();
  }

  private Map<String, Object> report(Dataset d, LocalDate date, List<Layer> pair) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("standard", "NENA-STA-006.3 NG9-1-1 GIS Data Model v3.0");
    m.put("date", date.toString());
    m.put("dataset", d.id());
    m.put("date_update", Nena.datetime(d.info().importedAt()));
    m.put("gpkg", "/api/nena?f=gpkg&date=" + date);
    List<Map<String, Object>> ls = new java.util.ArrayList<>();
    List<Nena.Gap> gaps = new java.util.ArrayList<>();
    for (Layer l : pair) {
      List<Nena.Gap> g = Nena.gaps(d, l);
      gaps.addAll(g);
      Map<String, Integer> byField = new TreeMap<>();
      g.forEach(x -> byField.merge(x.field(), 1, Integer::sum));
      Layer source = layers.get(d, l.id().equals("nena-psap") ? "dispatch" : "patrol", date);
      List<Object> unknownAreas = areasWithStatus(source, "unknown");
      List<Object> byRuleAreas = areasWithStatus(source, "by_rule");
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", l.id());
      e.put("table", Nena.TABLES.get(l.id()));
      e.put("features", l.features().size());
      e.put("missing_required_values", byField);
      e.put("areas_left_out_unknown", unknownAreas);
      e.put("areas_left_out_by_rule", byRuleAreas);
      e.put("geojson", "/api/layers/" + l.id() + "?date=" + date);
      e.put("gpkg", "/api/layers/" + l.id() + "?f=gpkg&date=" + date);
      e.put("csv", "/api/layers/" + l.id() + "?f=csv&date=" + date);
      ls.add(e);
    }
    m.put("layers", ls);
    m.put(
        "gaps",
        gaps.stream()
            .map(
                g -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("table", g.table());
                  x.put("feature_id", g.featureId());
                  x.put("agency_id", g.agencyId());
                  x.put("name", g.name());
                  x.put("field", g.field());
                  x.put("reason", g.reason());
                  return x;
                })
            .toList());
    return m;
  }
}
