package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.NodingBudget;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ComputePool;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.FootprintInput;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Footprint;
import org.patrolmap.model.Overlay;

/** Footprints and the planner's overlay report (JSON or CSV). */
final class OverlayHandlers {
  static final Set<String> OVERLAY_PARAMS = Set.of("date", "format");
  static final Set<String> POST_PARAMS = Set.of("date", "format");
  private final CurrentDataset datasets;
  private final Supplier<LocalDate> today;
  private final FootprintInput input =
      new FootprintInput(Limits.MAX_JSON_DEPTH, Limits.MAX_VERTICES);

  /** Parsing, validating and overlaying run here: bounded in concurrency and time. */
  private final ComputePool pool;

  /** Most saved-footprint reports kept (per footprint and date) for the served dataset. */
  private static final int MAX_REPORTS = 256;

  private record ReportKey(String footprint, LocalDate date) {}

  /**
   * Saved-footprint reports of {@link #reportsFor}, computed once per footprint and date
   * (concurrent requests share one computation), dropped when the served dataset changes.
   */
  private final Map<ReportKey, CompletableFuture<Overlay.Report>> reports =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(
            Map.Entry<ReportKey, CompletableFuture<Overlay.Report>> e) {
          return size() > MAX_REPORTS;
        }
      };

  private Dataset reportsFor;

  OverlayHandlers(CurrentDataset datasets, Supplier<LocalDate> today, ComputePool pool) {
    this.datasets = datasets;
    this.today = today;
    this.pool = pool;
  }

  void list(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Responses.json(
        ctx,
        d.id(),
        d.footprints().values().stream()
            .map(
                f -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", f.id());
                  m.put("name", f.name());
                  m.put("description", f.description());
                  m.put("source", f.source());
                  m.put("area_km2", Shapes.km2(f.areaM2()));
                  m.put("overlay_url", "/api/footprints/" + f.id() + "/overlay");
                  return m;
                })
            .toList());
  }

  void footprintOverlay(Context ctx) {
    Params.allow(ctx, OVERLAY_PARAMS);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    boolean csv = csvFormat(ctx);
    Dataset d = datasets.current();
    Footprint f = d.footprints().get(ctx.pathParam("id"));
    if (f == null) {
      throw ApiError.notFound("footprint", ctx.pathParam("id"));
    }
    Overlay.Report r = savedReport(d, f, date);
    if (csv) {
      csv(ctx, d, r, "patrolmap-overlay-" + f.id() + "-" + date + ".csv");
      return;
    }
    Responses.json(ctx, d.id(), Views.overlay(r));
  }

  void postOverlay(Context ctx) {
    Params.allow(ctx, POST_PARAMS);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    boolean csv = csvFormat(ctx);
    pool.admit(ctx);
    byte[] body =
        Limits.geoJsonBody(ctx, "Send the footprint as application/geo+json or application/json");
    Dataset d = datasets.current();
    Overlay.Report r =
        pool.run(
            () ->
                Overlay.compute(
                    d,
                    null,
                    "Uploaded footprint",
                    input.parse(body),
                    date,
                    new NodingBudget(Limits.MAX_SEGMENT_PAIRS)));
    if (r.areas().isEmpty()) {
      throw new ApiError(
          422,
          "outside_region",
          "The footprint does not intersect St. Louis City or County",
          Map.of());
    }
    if (csv) {
      csv(ctx, d, r, "patrolmap-overlay-" + date + ".csv");
      return;
    }
    Responses.json(ctx, d.id(), Views.overlay(r));
  }

  /**
   * The report of a saved footprint on a date: from the cache, or computed in the pool by the first
   * request while concurrent ones wait for it (bounded by the pool's deadline). A failed
   * computation is not kept.
   */
  private Overlay.Report savedReport(Dataset d, Footprint f, LocalDate date) {
    ReportKey key = new ReportKey(f.id(), date);
    CompletableFuture<Overlay.Report> mine = new CompletableFuture<>();
    CompletableFuture<Overlay.Report> existing;
    synchronized (reports) {
      if (reportsFor != d) {
        reports.clear();
        reportsFor = d;
      }
      existing = reports.putIfAbsent(key, mine);
    }
    if (existing != null) {
      try {
        return existing.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      Overlay.Report r = pool.run(() -> Overlay.compute(d, f.id(), f.name(), f.geom(), date));
      mine.complete(r);
      return r;
    } catch (RuntimeException e) {
      synchronized (reports) {
        reports.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * The {@code format} query parameter: false for json (the default), true for csv, otherwise a
   * 400.
   */
  private static boolean csvFormat(Context ctx) {
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!format.equals("json") && !format.equals("csv")) {
      throw ApiError.badRequest("format", "must be json or csv");
    }
    return format.equals("csv");
  }

  /** Writes the report as an {@link OverlayCsv} attachment named {@code filename}. */
  private static void csv(Context ctx, Dataset d, Overlay.Report r, String filename) {
    ctx.header(Responses.DATASET_HEADER, Long.toString(d.id()));
    Responses.attachment(ctx, filename);
    ctx.contentType(ContentTypes.CSV).result(OverlayCsv.write(r, d.id()));
  }
}
