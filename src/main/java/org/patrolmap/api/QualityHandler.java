package org.patrolmap.api;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.model.Area;
import org.patrolmap.model.Coverage;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.Service;

/**
 * {@code GET /api/quality[?date=]}: how complete the served facts are on a date (today by default)
 * — per function, areas with a cited provider, a provider by rule, or none known; the confidence
 * mix; the unknown areas, each with a pre-filled correction link; facts resting on sources older
 * than five years. Computed from the dataset in memory, the same way as the import's QA report.
 */
final class QualityHandler {
  static final Set<String> PARAMS = Set.of("date");

  private final CurrentDataset datasets;
  private final Supplier<LocalDate> today;

  QualityHandler(CurrentDataset datasets, Supplier<LocalDate> today) {
    this.datasets = datasets;
    this.today = today;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    LocalDate date = IsoDate.parse("date", ctx.queryParam("date"), today.get());
    Dataset d = datasets.current();
    Responses.json(ctx, d.id(), view(d, Coverage.of(d, date)));
  }

  static Map<String, Object> view(Dataset d, Coverage c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", Views.datasetRef(d));
    m.put("date", c.date());
    m.put("areas", c.areas());
    Map<String, Object> coverage = new LinkedHashMap<>();
    Map<String, Object> unknown = new LinkedHashMap<>();
    for (Map.Entry<Function, Coverage.Role> e : c.roles().entrySet()) {
      Coverage.Role r = e.getValue();
      Map<String, Object> role = new LinkedHashMap<>();
      role.put("cited", r.cited());
      role.put("by_rule", r.byRule());
      role.put("known", r.known());
      role.put("unknown", r.unknown());
      role.put(
          "known_share", c.areas() == 0 ? 0 : Math.round(1000.0 * r.known() / c.areas()) / 1000.0);
      role.put("by_confidence", r.byConfidence());
      coverage.put(e.getKey().id(), role);
      List<Map<String, Object>> list = new ArrayList<>();
      for (Area a : r.unknownAreas()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", a.id());
        x.put("name", a.name());
        x.put("kind", a.kind());
        x.put(
            "suggest_url",
            "/correct.html?area=" + a.id() + "&function=" + e.getKey().id() + "&date=" + c.date());
        list.add(x);
      }
      unknown.put(e.getKey().id(), list);
    }
    m.put("coverage", coverage);
    m.put("unknown_areas", unknown);
    Map<String, Object> stale = new LinkedHashMap<>();
    stale.put("older_than_years", Coverage.STALE_YEARS);
    stale.put("count", c.stale().size());
    List<Map<String, Object>> facts = new ArrayList<>();
    for (Coverage.StaleFact f : c.stale()) {
      Service s = f.service();
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("service", s.id());
      x.put("function", s.function());
      x.put(
          "area",
          f.area() == null
              ? Map.of("id", s.areaId())
              : Map.of("id", f.area().id(), "name", f.area().name()));
      x.put("agency", Views.agencyRef(d.agencies().get(s.agencyId())));
      x.put("newest_source", f.newestSource());
      x.put(
          "suggest_url",
          "/correct.html?area="
              + s.areaId()
              + "&function="
              + s.function().id()
              + "&date="
              + c.date());
      facts.add(x);
    }
    stale.put("facts", facts);
    m.put("stale_sources", stale);
    return m;
  }
}
