package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.patrolmap.attribute.Attributor;
import org.patrolmap.attribute.CsvAttribution;
import org.patrolmap.attribute.GeoJsonAttribution;
import org.patrolmap.attribute.Options;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code POST /api/attribute[?date=&lon_column=&lat_column=&date_column=]}: a CSV (or GeoJSON) of
 * points in, the same rows out with who patrolled and dispatched each on its date, streamed both
 * ways. At most {@link Limits#MAX_CONCURRENT_ATTRIBUTIONS} run at once (503 beyond), each on its
 * request thread, bounded in rows, bytes and time ({@link Limits}).
 */
final class AttributeHandler {
  static final Set<String> PARAMS = Set.of("date", "lon_column", "lat_column", "date_column");
  private final CurrentDataset datasets;
  private final Supplier<LocalDate> today;
  private final Semaphore slots = new Semaphore(Limits.MAX_CONCURRENT_ATTRIBUTIONS);

  AttributeHandler(CurrentDataset datasets, Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.today = today;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    boolean geojson = geoJson(ctx.contentType());
    Options opts =
        new Options(
            ctx.queryParam("lon_column"),
            ctx.queryParam("lat_column"),
            ctx.queryParam("date_column"),
            date,
            Limits.MAX_ATTRIBUTE_ROWS,
            Options.MAX_RECORD_BYTES,
            System.nanoTime() + Limits.MAX_ATTRIBUTE_TIME.toNanos());
    Dataset d = datasets.current();
    if (!slots.tryAcquire()) {
      ctx.header("Retry-After", "10");
      throw new ApiError(
          503,
          "overloaded",
          "Too many attributions are running; try again shortly",
          Map.of("max_concurrent", Limits.MAX_CONCURRENT_ATTRIBUTIONS));
    }
    try (Limits.Body in = Limits.streamedBody(ctx, Limits.MAX_ATTRIBUTE_BODY_BYTES)) {
      Attributor a = new Attributor(d);
      if (geojson) {
        GeoJsonAttribution.Job job = GeoJsonAttribution.open(in, a, opts);
        Responses.stream(
            ctx,
            d.id(),
            ContentTypes.GEOJSON,
            "patrolmap-attributed.geojson",
            out -> job.writeTo(out, n -> {}));
      } else {
        CsvAttribution.Job job = CsvAttribution.open(in, a, opts);
        Responses.stream(
            ctx,
            d.id(),
            ContentTypes.CSV,
            "patrolmap-attributed.csv",
            out -> job.writeTo(out, n -> {}));
      }
    } finally {
      slots.release();
    }
  }

  /** GeoJSON for a JSON media type, CSV for text, a spreadsheet or no type; 415 otherwise. */
  private static boolean geoJson(String contentType) {
    String ct =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (ct.equals(ContentTypes.JSON) || ct.equals(ContentTypes.GEOJSON)) {
      return true;
    }
    if (ct.isEmpty()
        || ct.startsWith("text/")
        || ct.equals("application/csv")
        || ct.equals("application/vnd.ms-excel")
        || ct.equals("application/octet-stream")
        || ct.equals("application/gzip")
        || ct.equals("application/x-gzip")) {
      return false;
    }
    throw new ApiError(
        415,
        "unsupported_media_type",
        "Send the points as the body: text/csv, or application/geo+json",
        Map.of("content_type", Numbers.abbreviate(contentType)));
  }
}
