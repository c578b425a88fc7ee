package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.LonLat;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.model.Area;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code GET /api/lookup?lon=&lat=[&date=]}: who patrols, dispatches and holds contracts at a
 * point.
 */
final class LookupHandler {
  static final Set<String> PARAMS = Set.of("lon", "lat", "date");
  private final CurrentDataset datasets;
  private final Supplier<LocalDate> today;
  private final LookupJson json = new LookupJson();

  LookupHandler(CurrentDataset datasets, Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.today = today;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    LonLat p = LonLat.parse(ctx.queryParam("lon"), ctx.queryParam("lat"));
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    Dataset d = datasets.current();
    Area a =
        d.areaAt(p)
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "outside_region",
                        "The point is outside St. Louis City and St. Louis County",
                        Map.of("lon", p.lon(), "lat", p.lat())));
    var near = d.index().near(Dataset.point(p), Limits.NEAR_BOUNDARY_M, a.id());
    Responses.json(ctx, d.id(), json.write(d, p.lon(), p.lat(), date, a, near));
  }
}
