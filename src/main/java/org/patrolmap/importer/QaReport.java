package org.patrolmap.importer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patrolmap.model.Area;
import org.patrolmap.model.ContactKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
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

  static ImportReport.Facts facts(Dataset d, List<Service> services, LocalDate date) {
    Map<Function, ImportReport.RoleCoverage> roles = new LinkedHashMap<>();
    for (Function function : List.of(Function.PATROL, Function.DISPATCH)) {
      Map<String, Integer> byConfidence = new TreeMap<>();
      List<String> unknown = new ArrayList<>();
      List<String> byRule = new ArrayList<>();
      int known = 0;
      for (Area a : d.areas().values()) {
        RoleAnswer role = d.role(a, function, date);
        if (role.known()) {
          known++;
          byConfidence.merge(role.service().confidence().id(), 1, Integer::sum);
        } else if (role.byRule()) {
          byRule.add(a.name() + " (" + a.id() + ") → " + role.agency().id());
        } else {
          unknown.add(a.name() + " (" + a.id() + ")");
        }
      }
      roles.put(
          function,
          new ImportReport.RoleCoverage(
              known, byConfidence, byRule.size(), byRule, unknown.size(), unknown));
    }
    LocalDate cutoff = date.minusYears(5);
    List<String> stale = new ArrayList<>();
    for (Service s : services) {
      if (!s.validOn(date) || "rule".equals(s.origin())) {
        continue;
      }
      String newest =
          d.sourcesOf(s.sourceIds()).stream()
              .map(Source::date)
              .filter(x -> x != null)
              .max(String::compareTo)
              .orElse(null);
      if (newest == null || newest.compareTo(cutoff.toString().substring(0, newest.length())) < 0) {
        Area a = d.areas().get(s.areaId());
        stale.add(
            s.function()
                + " "
                + (a == null ? s.areaId() : a.name())
                + " → "
                + s.agencyId()
                + " (newest source "
                + (newest == null ? "undated" : newest)
                + ")");
      }
    }
    return new ImportReport.Facts(
        date.toString(),
        d.areas().size(),
        roles.get(Function.PATROL),
        roles.get(Function.DISPATCH),
        stale.size(),
        stale,
        contacts(d, services, date));
  }

  /** Contact coverage of the agencies in service (patrol or dispatch provider somewhere today). */
  static ImportReport.Contacts contacts(Dataset d, List<Service> services, LocalDate date) {
    Set<String> inService = new TreeSet<>();
    Set<String> patrol = new TreeSet<>();
    for (Service s : services) {
      if (s.validOn(date)
          && (s.function() == Function.PATROL || s.function() == Function.DISPATCH)) {
        inService.add(s.agencyId());
        if (s.function() == Function.PATROL) {
          patrol.add(s.agencyId());
        }
      }
    }
    int phone = 0;
    int address = 0;
    int website = 0;
    for (String id : inService) {
      phone += d.bestContact(id, ContactKind.NON_EMERGENCY, date).isPresent() ? 1 : 0;
      address += d.bestContact(id, ContactKind.ADDRESS, date).isPresent() ? 1 : 0;
      website += d.bestContact(id, ContactKind.WEBSITE, date).isPresent() ? 1 : 0;
    }
    List<String> without =
        patrol.stream()
            .filter(id -> d.bestContact(id, ContactKind.NON_EMERGENCY, date).isEmpty())
            .toList();
    int facts = d.contacts().values().stream().mapToInt(List::size).sum();
    int patrolLine = 0;
    int dispatcherLine = 0;
    for (Area a : d.areas().values()) {
      if (hasLine(d, d.role(a, Function.PATROL, date), date)) {
        patrolLine++;
      } else if (hasLine(d, d.role(a, Function.DISPATCH, date), date)) {
        dispatcherLine++;
      }
    }
    return new ImportReport.Contacts(
        inService.size(),
        phone,
        address,
        website,
        patrol.size(),
        patrol.size() - without.size(),
        without,
        facts,
        new ImportReport.AreaLines(
            patrolLine, dispatcherLine, d.areas().size() - patrolLine - dispatcherLine));
  }

  private static boolean hasLine(Dataset d, RoleAnswer role, LocalDate date) {
    return role.agency() != null
        && d.bestContact(role.agency().id(), ContactKind.NON_EMERGENCY, date).isPresent();
  }
}
