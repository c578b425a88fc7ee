package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/** {@code GET /api/config}: what the web map needs to start (tiles, today, dataset, OGC URL). */
final class ConfigHandler {
  private final AppConfig config;
  private final CurrentDataset datasets;
  private final Supplier<LocalDate> today;

  ConfigHandler(AppConfig config, CurrentDataset datasets, Supplier<LocalDate> today) {
    this.config = config;
    this.datasets = datasets;
    this.today = today;
  }

  void handle(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tile_url", config.tileUrl());
    m.put("tile_attribution", config.tileAttribution());
    m.put("ogc_url", BaseUrl.of(ctx, config) + "/ogc");
    m.put("today", today.get());
    Map<String, Object> ds = Views.datasetRef(d);
    ds.put("counts", d.info().counts());
    m.put("dataset", ds);
    Responses.json(ctx, d.id(), m);
  }
}
