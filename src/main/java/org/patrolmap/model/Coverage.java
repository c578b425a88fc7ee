package org.patrolmap.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How complete the facts are on one date: per function, how many areas have a cited provider, a
 * provider decided by a cited rule (unincorporated County; a County patrol contract's dispatch) or
 * none known, the confidence mix, the unknown areas, and the facts in force that rest only on
 * sources older than five years. The import's QA report and {@code /api/quality} both come from
 * here, so their figures agree.
 *
 * @param stale facts in force whose newest source is older than {@link #STALE_YEARS} years
 */
public record Coverage(
    LocalDate date, int areas, Map<Function, Role> roles, List<StaleFact> stale) {
  /** Sources older than this many years make a fact "stale". */
  public static final int STALE_YEARS = 5;

  /**
   * One function's coverage: {@code cited} (a row of data/services.csv), {@code byRule} (a rule of
   * data/rules.csv names the provider), {@code unknown}; confidence counted over known answers.
   */
  public record Role(
      int cited,
      int byRule,
      int unknown,
      Map<String, Integer> byConfidence,
      List<Area> unknownAreas,
      List<Decided> ruleDecided) {
    public int known() {
      return cited + byRule;
    }
  }

  /** An area whose provider a rule decides, and that provider's agency id. */
  public record Decided(Area area, String agencyId) {}

  /** A fact in force whose newest source ({@code null}: undated) is older than the cutoff. */
  public record StaleFact(Service service, Area area, String newestSource) {}

  /** The coverage of patrol and dispatch on {@code date}, over every service of the dataset. */
  public static Coverage of(Dataset d, LocalDate date) {
    List<Service> all = new ArrayList<>();
    d.areas().keySet().forEach(id -> all.addAll(d.history(id)));
    return of(d, all, date);
  }

  /** As {@link #of(Dataset, LocalDate)}, listing stale facts in the order of {@code services}. */
  public static Coverage of(Dataset d, List<Service> services, LocalDate date) {
    Map<Function, Role> roles = new LinkedHashMap<>();
    for (Function function : List.of(Function.PATROL, Function.DISPATCH)) {
      Map<String, Integer> byConfidence = new TreeMap<>();
      List<Area> unknown = new ArrayList<>();
      List<Decided> decided = new ArrayList<>();
      int cited = 0;
      for (Area a : d.areas().values()) {
        RoleAnswer role = d.role(a, function, date);
        if (role.known() && !"rule".equals(role.service().origin())) {
          cited++;
        } else if (role.known() || role.byRule()) {
          // a rule row materialized for unincorporated areas, or a rule deciding with no row
          decided.add(new Decided(a, role.agency() == null ? null : role.agency().id()));
        } else {
          unknown.add(a);
          continue;
        }
        byConfidence.merge(role.confidence().id(), 1, Integer::sum);
      }
      roles.put(
          function,
          new Role(cited, decided.size(), unknown.size(), byConfidence, unknown, decided));
    }
    String cutoff = date.minusYears(STALE_YEARS).toString();
    List<StaleFact> stale = new ArrayList<>();
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
      if (newest == null || newest.compareTo(cutoff.substring(0, newest.length())) < 0) {
        stale.add(new StaleFact(s, d.areas().get(s.areaId()), newest));
      }
    }
    return new Coverage(date, d.areas().size(), roles, stale);
  }
}
