package org.patrolmap.importer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.patrolmap.model.Coverage;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
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
        stale);
  }

  private static ImportReport.RoleCoverage role(Coverage.Role r) {
    return new ImportReport.RoleCoverage(
        r.known(),
        r.byConfidence(),
        r.unknown(),
        r.unknownAreas().stream().map(a -> a.name() + " (" + a.id() + ")").toList());
  }
}
