package org.patrolmap.importer;

import org.patrolmap.model.Function;

import org.patrolmap.importer.facts.FactTables;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/**
 * The facts part of the QA report, for one date (today at import): how many areas have a known
 * patrol provider and dispatcher and at which confidence, which are unknown, and which facts in
 * force rest only on sources older than five years.
 */
final class QaReport {
  private QaReport() {}

  static Map<String, Object> facts(Dataset d, FactTables facts, LocalDate date) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("date", date.toString());
    r.put("areas", d.areas().size());
    for (Function function : List.of(Function.PATROL, Function.DISPATCH)) {
      Map<String, Integer> byConfidence = new TreeMap<>();
      List<String> unknown = new ArrayList<>();
      int known = 0;
      for (Area a : d.areas().values()) {
        RoleAnswer role = d.role(a, function, date);
        if (role.known()) {
          known++;
          byConfidence.merge(role.service().confidence().id(), 1, Integer::sum);
        } else {
          unknown.add(a.name() + " (" + a.id() + ")");
        }
      }
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("known", known);
      f.put("by_confidence", byConfidence);
      f.put("unknown", unknown.size());
      f.put("unknown_areas", unknown);
      r.put(function.id(), f);
    }
    LocalDate cutoff = date.minusYears(5);
    List<String> stale = new ArrayList<>();
    for (Service s : facts.services()) {
      if (!s.validOn(date) || "rule".equals(s.origin())) {
        continue;
      }
      String newest = d.sourcesOf(s.sourceIds()).stream().map(Source::date).filter(x -> x != null)
          .max(String::compareTo).orElse(null);
      if (newest == null || newest.compareTo(cutoff.toString().substring(0, newest.length())) < 0) {
        Area a = d.areas().get(s.areaId());
        stale.add(s.function() + " " + (a == null ? s.areaId() : a.name()) + " → " + s.agencyId()
            + " (newest source " + (newest == null ? "undated" : newest) + ")");
      }
    }
    r.put("facts_in_force_with_sources_older_than_5_years", stale.size());
    r.put("stale_facts", stale);
    return r;
  }
}
