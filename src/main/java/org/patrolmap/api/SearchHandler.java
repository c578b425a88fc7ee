package org.patrolmap.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.patrolmap.geo.CoordinateText;
import org.patrolmap.geo.LonLat;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.model.Area;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Gazetteer;

/**
 * {@code GET /api/search?q=}: the local gazetteer — places, agencies and typed coordinates — with
 * no outside service. The gazetteer is built once per served dataset.
 */
final class SearchHandler {
  static final Set<String> PARAMS = Set.of("q");

  /** The gazetteer of one dataset instance. */
  private record Built(Dataset dataset, Gazetteer gazetteer) {}

  private final CurrentDataset datasets;
  private volatile Built built;

  SearchHandler(CurrentDataset datasets) {
    this.datasets = datasets;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw ApiError.badRequest("q", "is required: a place, an agency or coordinates");
    }
    if (q.length() > Limits.MAX_QUERY_CHARS || q.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest(
          "q", "must be at most " + Limits.MAX_QUERY_CHARS + " printable characters");
    }
    Dataset d = datasets.current();
    List<Object> results = new ArrayList<>();
    List<LonLat> readings = CoordinateText.both(q);
    if (!readings.isEmpty()) {
      LonLat p =
          readings.stream()
              .filter(r -> d.areaAt(r).isPresent())
              .findFirst()
              .orElse(readings.get(0));
      results.add(coordinates(p, d.areaAt(p)));
    } else {
      for (Gazetteer.Hit h : gazetteer(d).search(q)) {
        results.add(place(h));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", q.trim());
    body.put("results", results);
    Responses.json(ctx, d.id(), body);
  }

  private Gazetteer gazetteer(Dataset d) {
    Built b = built;
    if (b == null || b.dataset() != d) {
      synchronized (this) {
        b = built;
        if (b == null || b.dataset() != d) {
          b = new Built(d, new Gazetteer(d));
          built = b;
        }
      }
    }
    return b.gazetteer();
  }

  private static Map<String, Object> place(Gazetteer.Hit h) {
    Gazetteer.Place p = h.place();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", p.kind().id());
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("detail", p.detail());
    m.put("area_id", p.areaId());
    m.put("lon", round(p.point().getX()));
    m.put("lat", round(p.point().getY()));
    Envelope e = p.extent();
    m.put(
        "bbox",
        List.of(round(e.getMinX()), round(e.getMinY()), round(e.getMaxX()), round(e.getMaxY())));
    m.put("match", h.cost() == 0 ? "exact" : "approximate");
    return m;
  }

  private static Map<String, Object> coordinates(LonLat p, Optional<Area> in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "coordinates");
    m.put("id", null);
    m.put("name", String.format(Locale.ROOT, "%.6f, %.6f", p.lat(), p.lon()));
    m.put(
        "detail",
        in.map(a -> "In " + a.name()).orElse("Outside St. Louis City and St. Louis County"));
    m.put("area_id", in.map(Area::id).orElse(null));
    m.put("lon", round(p.lon()));
    m.put("lat", round(p.lat()));
    m.put("bbox", null);
    m.put("match", "exact");
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
