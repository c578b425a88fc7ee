package org.patrolmap.attribute;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.patrolmap.geo.LonLat;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.model.Service;

/**
 * The answer for one point on one date, as the cells added to an attributed row: the same answer as
 * {@code /api/lookup} (area covering the point, the patrol and dispatch services in force, the
 * contracts in force, whether another area lies within {@link LookupIndex#NEAR_BOUNDARY_M}), from
 * the in-memory dataset only.
 */
public final class Attributor {
  /** The columns added to every row, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "pm_date",
          "pm_status",
          "pm_area_id",
          "pm_area_name",
          "pm_area_kind",
          "pm_patrol_status",
          "pm_patrol_agency_id",
          "pm_patrol_agency",
          "pm_patrol_arrangement",
          "pm_patrol_confidence",
          "pm_dispatch_status",
          "pm_dispatch_agency_id",
          "pm_dispatch_agency",
          "pm_contracts",
          "pm_near_boundary",
          "pm_error");

  /** Row status: a point inside the two counties. */
  public static final String OK = "ok";

  /** Row status: a valid point outside St. Louis City and County (not an error). */
  public static final String OUTSIDE = "outside_region";

  /** Row status: the row could not be read; {@code pm_error} says where and why. */
  public static final String ERROR = "error";

  /** Index of {@code pm_patrol_agency} and {@code pm_status} in {@link #COLUMNS}. */
  static final int PATROL_AGENCY = 7;

  static final int STATUS = 1;

  private final Dataset dataset;

  public Attributor(Dataset dataset) {
    this.dataset = dataset;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** The added cells for a point on a date; {@code note} (may be null) goes to {@code pm_error}. */
  public List<String> attribute(LonLat p, LocalDate date, String note) {
    Area a = dataset.areaAt(p).orElse(null);
    if (a == null) {
      return outside(date, note);
    }
    boolean near = dataset.index().isNear(Dataset.point(p), LookupIndex.NEAR_BOUNDARY_M, a);
    return cells(a, date, near, note);
  }

  /** The added cells of a point outside every area. */
  static List<String> outside(LocalDate date, String note) {
    List<String> out = new ArrayList<>(COLUMNS.size());
    out.add(date.toString());
    out.add(OUTSIDE);
    while (out.size() < COLUMNS.size() - 1) {
      out.add("");
    }
    out.add(note == null ? "" : note);
    return out;
  }

  /** The added cells of a point in area {@code a} on a date. */
  List<String> cells(Area a, LocalDate date, boolean near, String note) {
    List<String> out = new ArrayList<>(COLUMNS.size());
    out.add(date.toString());
    Service patrol = null;
    Service dispatch = null;
    StringBuilder contracts = new StringBuilder();
    for (Service s : dataset.history(a.id())) {
      if (!s.validOn(date)) {
        continue;
      }
      if (s.function() == Function.PATROL && patrol == null) {
        patrol = s;
      } else if (s.function() == Function.DISPATCH && dispatch == null) {
        dispatch = s;
      }
      if (s.isContract()) {
        contracts.append(contracts.length() == 0 ? "" : "; ");
        contracts.append(s.function().id()).append(": ").append(agencyName(s));
      }
    }
    out.add(OK);
    out.add(a.id());
    out.add(a.name());
    out.add(a.kind().id());
    role(out, patrol, true);
    role(out, dispatch, false);
    out.add(contracts.toString());
    out.add(near ? "true" : "false");
    out.add(note == null ? "" : note);
    return out;
  }

  /** The added cells of a row that could not be read. */
  public static List<String> error(String date, String message) {
    List<String> out = new ArrayList<>(COLUMNS.size());
    out.add(date == null ? "" : date);
    out.add(ERROR);
    while (out.size() < COLUMNS.size() - 1) {
      out.add("");
    }
    out.add(message);
    return out;
  }

  private void role(List<String> out, Service s, boolean withTerms) {
    out.add(s == null ? "unknown" : "known");
    out.add(s == null ? "" : s.agencyId());
    out.add(s == null ? "" : agencyName(s));
    if (withTerms) {
      out.add(s == null ? "" : s.arrangement().id());
      out.add(s == null ? "" : s.confidence().id());
    }
  }

  private String agencyName(Service s) {
    Agency ag = dataset.agencies().get(s.agencyId());
    return ag == null ? s.agencyId() : ag.name();
  }
}
