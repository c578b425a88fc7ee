package org.patrolmap.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Contact;
import org.patrolmap.model.ContactKind;
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

  /**
   * One role of a lookup: known (cited row), by rule (a cited general rule decides; its text and
   * sources, never shown as a cited provider) or unknown; with the role agency's best cited
   * non-emergency line and, separately, its city hall line (never presented as a police line).
   */
  static Map<String, Object> role(Dataset d, RoleAnswer r, LocalDate date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", r.status().id());
    if (r.known()) {
      m.putAll(terms(r.agency(), r.service(), r.sources()));
    } else if (r.byRule()) {
      m.put("agency", agencyRef(r.agency()));
      m.put("arrangement", r.rule().arrangement());
      m.put("since", r.basis() == null ? null : r.basis().validFrom());
      m.put("until", r.basis() == null ? null : r.basis().validTo());
      m.put("confidence", r.confidence());
      m.put(
          "note",
          "By rule, not a cited "
              + r.function().id()
              + " row: "
              + (r.basis() == null ? "" : "patrol contract " + r.basis().id() + "; ")
              + "see rule.");
      m.put("sources", List.of());
      m.put("rule", rule(r));
    } else {
      m.put("agency", null);
      m.put("arrangement", null);
      m.put("since", null);
      m.put("until", null);
      m.put("confidence", null);
      m.put("note", "No cited " + r.function().id() + " provider" + " for this date.");
      m.put("sources", List.of());
      m.put("rule", r.rule() == null ? null : rule(r));
    }
    String agency = r.agency() == null ? null : r.agency().id();
    m.put("non_emergency", phone(d, agency, ContactKind.NON_EMERGENCY, date));
    m.put("city_hall", phone(d, agency, ContactKind.CITY_HALL, date));
    return m;
  }

  private static Map<String, Object> rule(RoleAnswer r) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", r.rule().id());
    rule.put("text", r.rule().note());
    rule.put("sources", sources(r.ruleSources()));
    return rule;
  }

  /** The agency's best cited phone of one kind on the date, or null (unknown stays unknown). */
  static Map<String, Object> phone(Dataset d, String agencyId, ContactKind kind, LocalDate date) {
    if (agencyId == null) {
      return null;
    }
    return d.bestContact(agencyId, kind, date).map(c -> contact(d, c)).orElse(null);
  }

  /** One contact fact with its period, confidence, evidence and sources. */
  static Map<String, Object> contact(Dataset d, Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("kind", c.kind());
    m.put("value", c.value());
    if (c.kind().isPhone()) {
      m.put("tel", c.telUri());
    }
    m.put("since", c.validFrom());
    m.put("until", c.validTo());
    m.put("confidence", c.confidence());
    m.put("as_printed", c.asPrinted());
    m.put("note", c.note());
    m.put("sources", sources(d.sourcesOf(c.sourceIds())));
    return m;
  }

  /**
   * What a resident calls: 911 in an emergency; otherwise the patrol agency's cited non-emergency
   * line, else the dispatcher's (said to be the dispatcher's), else none — never a guess.
   */
  static Map<String, Object> call(
      Dataset d, RoleAnswer patrol, RoleAnswer dispatch, LocalDate date) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("emergency", "911");
    Map<String, Object> line = null;
    for (RoleAnswer r : List.of(patrol, dispatch)) {
      if (line == null && r.agency() != null) {
        Map<String, Object> p = phone(d, r.agency().id(), ContactKind.NON_EMERGENCY, date);
        if (p != null) {
          line = new LinkedHashMap<>();
          line.put("of", r.function().id());
          line.put("role_status", r.status().id());
          Map<String, Object> ag = new LinkedHashMap<>();
          ag.put("id", r.agency().id());
          ag.put("name", r.agency().name());
          line.put("agency", ag);
          line.putAll(p);
        }
      }
    }
    m.put("non_emergency", line);
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
              e.put("status", p.status());
              if (!p.rules().isEmpty()) {
                e.put("rules", p.rules());
              }
              e.put("arrangement", p.arrangement());
              e.put("area_km2", Shapes.round4(p.km2()));
              e.put("share_of_footprint", Shapes.round4(p.shareOfFootprint()));
              e.put("areas", p.areaIds());
              return e;
            })
        .toList();
  }
}
