package org.patrolmap.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Overlay;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/** JSON representations of the store's values for the public API (DESIGN.md contract). */
final class Views {
  private Views() {}

  static Map<String, Object> source(Source s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("title", s.title());
    m.put("publisher", s.publisher());
    m.put("url", s.url());
    m.put("date", s.date());
    return m;
  }

  static List<Map<String, Object>> sources(List<Source> list) {
    return list.stream().map(Views::source).toList();
  }

  static Map<String, Object> agencyRef(Agency a) {
    if (a == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("name", a.name());
    m.put("kind", a.kind());
    m.put("phone", a.phone());
    m.put("website", a.website());
    return m;
  }

  static Map<String, Object> role(RoleAnswer r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.known() ? "known" : "unknown");
    if (r.known()) {
      m.putAll(terms(r.agency(), r.service(), r.sources()));
    } else {
      m.put("agency", null);
      m.put("arrangement", null);
      m.put("since", null);
      m.put("until", null);
      m.put("confidence", null);
      m.put("note", "No cited " + r.function().id() + " provider" + " for this date.");
      m.put("sources", List.of());
      if (r.rule() != null) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", r.rule().id());
        rule.put("text", r.rule().note());
        rule.put("sources", sources(r.ruleSources()));
        m.put("rule", rule);
      } else {
        m.put("rule", null);
      }
    }
    return m;
  }

  static Map<String, Object> service(Dataset d, Service s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("function", s.function());
    m.put("area", s.areaId());
    m.put("agency", agencyRef(d.agencies().get(s.agencyId())));
    m.put("arrangement", s.arrangement());
    m.put("since", s.validFrom());
    m.put("until", s.validTo());
    m.put("confidence", s.confidence());
    m.put("note", s.note());
    m.put("origin", s.origin());
    m.put("sources", sources(d.sourcesOf(s.sourceIds())));
    return m;
  }

  static Map<String, Object> datasetRef(Dataset d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("imported_at", d.info().importedAt());
    return m;
  }

  static Map<String, Object> contract(Dataset d, Service s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("function", s.function());
    m.putAll(terms(d.agencies().get(s.agencyId()), s, d.sourcesOf(s.sourceIds())));
    return m;
  }

  /**
   * The terms shared by a known role and a contract: agency, arrangement, period, confidence,
   * sources.
   */
  private static Map<String, Object> terms(Agency agency, Service s, List<Source> sources) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agency", agencyRef(agency));
    m.put("arrangement", s.arrangement());
    m.put("since", s.validFrom());
    m.put("until", s.validTo());
    m.put("confidence", s.confidence());
    m.put("note", s.note());
    m.put("sources", sources(sources));
    return m;
  }

  static Map<String, Object> overlay(Overlay.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> fp = new LinkedHashMap<>();
    fp.put("id", r.id());
    fp.put("name", r.name());
    fp.put("area_km2", Shapes.round4(r.footprintKm2()));
    fp.put("municipalities", r.municipalities());
    fp.put("municipality_threshold", Overlay.MUNICIPALITY_SHARE);
    m.put("footprint", fp);
    m.put("date", r.date());
    m.put(
        "areas",
        r.areas().stream()
            .map(
                s -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("id", s.area().id());
                  e.put("name", s.area().name());
                  e.put("kind", s.area().kind());
                  e.put("area_km2", Shapes.round4(s.km2()));
                  e.put("share_of_footprint", Shapes.round4(s.shareOfFootprint()));
                  e.put("share_of_area", Shapes.round4(s.shareOfArea()));
                  return e;
                })
            .toList());
    m.put("patrol", providers(r.patrol()));
    m.put("dispatch", providers(r.dispatch()));
    m.put("contracts", providers(r.contracts()));
    return m;
  }

  private static List<Map<String, Object>> providers(List<Overlay.ProviderShare> list) {
    return list.stream()
        .map(
            p -> {
              Map<String, Object> e = new LinkedHashMap<>();
              Map<String, Object> ag = new LinkedHashMap<>();
              ag.put("id", p.agency() == null ? null : p.agency().id());
              ag.put("name", p.agency() == null ? "Unknown" : p.agency().name());
              e.put("agency", ag);
              e.put("function", p.function());
              e.put("arrangement", p.arrangement());
              e.put("area_km2", Shapes.round4(p.km2()));
              e.put("share_of_footprint", Shapes.round4(p.shareOfFootprint()));
              e.put("areas", p.areaIds());
              return e;
            })
        .toList();
  }
}
