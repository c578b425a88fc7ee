package org.patrolmap.importer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.patrolmap.model.Area;
import org.patrolmap.model.ContactKind;
import org.patrolmap.model.Coverage;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.model.Service;

/**
 * The facts part of the QA report, for one date (today at import): how many areas have a known
 * patrol provider and dispatcher and at which confidence, which are unknown, and which facts in
 * force rest only on sources older than five years.
 */
final class QaReport {
  private QaReport() {}

  static ImportReport.Facts facts(Dataset d, List<Service> services, LocalDate date) {
    Coverage c = Coverage.of(d, services, date);
    List<String> stale = new ArrayList<>();
    for (Coverage.StaleFact f : c.stale()) {
      Service s = f.service();
      stale.add(
          s.function()
              + " "
              + (f.area() == null ? s.areaId() : f.area().name())
              + " → "
              + s.agencyId()
              + " (newest source "
              + (f.newestSource() == null ? "undated" : f.newestSource())
              + ")");
    }
    return new ImportReport.Facts(
        date.toString(),
        c.areas(),
        role(c.roles().get(Function.PATROL)),
        role(c.roles().get(Function.DISPATCH)),
        stale.size(),
        stale,
        contacts(d, services, date));
  }

  private static ImportReport.RoleCoverage role(Coverage.Role r) {
    return new ImportReport.RoleCoverage(
        r.known(),
        r.byConfidence(),
        r.byRule(),
        r.ruleDecided().stream()
            .map(x -> x.area().name() + " (" + x.area().id() + ") → " + x.agencyId())
            .toList(),
        r.unknown(),
        r.unknownAreas().stream().map(a -> a.name() + " (" + a.id() + ")").toList());
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
