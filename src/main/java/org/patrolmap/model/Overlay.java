package org.patrolmap.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.geo.NodingBudget;

/**
 * The planner's report: which areas a footprint covers (km², share of the footprint, share of the
 * area) and, for a date, which patrol agencies, dispatch centres and contracts cover it.
 */
public final class Overlay {
  /** Areas with at least this share inside the footprint count as its municipalities. */
  public static final double MUNICIPALITY_SHARE = 0.05;

  /** One intersecting area. */
  public record AreaShare(Area area, double km2, double shareOfFootprint, double shareOfArea) {}

  /**
   * One provider (agency, or unknown when agency is null) and what it covers of the footprint.
   * {@code status} says whether cited rows name it ({@code KNOWN}) or a cited general rule decides
   * it ({@code BY_RULE}, {@code rules} naming them); one agency under two arrangements, or both
   * cited and by rule, is two shares.
   */
  public record ProviderShare(
      Function function,
      RoleAnswer.Status status,
      List<String> rules,
      Agency agency,
      Arrangement arrangement,
      double km2,
      double shareOfFootprint,
      List<String> areaIds) {}

  /** The whole report. */
  public record Report(
      String id,
      String name,
      double footprintKm2,
      LocalDate date,
      List<AreaShare> areas,
      List<String> municipalities,
      List<ProviderShare> patrol,
      List<ProviderShare> dispatch,
      List<ProviderShare> contracts) {}

  private Overlay() {}

  /**
   * The report of {@code footprint} on {@code date}. Cheap tests first: an area whose envelope
   * misses the footprint's is skipped, a prepared footprint tests intersection and proper
   * containment (then the area counts whole), and only the areas it crosses are intersected, with
   * OverlayNG (which clips both inputs to their common envelope before noding, so the cost grows
   * with the footprint's vertices near that area, not all of them). Between areas it checks the
   * thread's interrupt flag and throws {@link CancellationException} when the caller gave up.
   */
  public static Report compute(
      Dataset d, String id, String name, Geometry footprint, LocalDate date) {
    return compute(d, id, name, footprint, date, null);
  }

  /**
   * As {@link #compute(Dataset, String, String, Geometry, LocalDate)}, with the geometry work
   * bounded by {@code budget} (null: unbounded, for footprints of the dataset): before each area is
   * tested, the segment pairs of the footprint and the area within the area's envelope are counted
   * against it, so no prepared test or intersection starts that would cost more ({@link
   * NodingBudget.ExceededException}).
   */
  public static Report compute(
      Dataset d, String id, String name, Geometry footprint, LocalDate date, NodingBudget budget) {
    double fpM2 = GeoMath.areaM2(footprint);
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(footprint);
    List<AreaShare> shares = new ArrayList<>();
    for (Area a : d.areas().values()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("overlay cancelled");
      }
      if (!a.geom().getEnvelopeInternal().intersects(footprint.getEnvelopeInternal())) {
        continue;
      }
      if (budget != null) {
        budget.spend(a.geom().getEnvelopeInternal(), footprint, a.geom());
      }
      if (!prepared.intersects(a.geom())) {
        continue;
      }
      Geometry inter =
          prepared.containsProperly(a.geom())
              ? a.geom()
              : OverlayNGRobust.overlay(footprint, a.geom(), OverlayNG.INTERSECTION);
      double m2 = GeoMath.areaM2(inter);
      if (m2 < 1) {
        continue;
      }
      shares.add(
          new AreaShare(
              a, m2 / 1e6, fpM2 == 0 ? 0 : m2 / fpM2, a.areaM2() == 0 ? 0 : m2 / a.areaM2()));
    }
    shares.sort(Comparator.comparingDouble(AreaShare::km2).reversed());
    List<String> munis =
        shares.stream()
            .filter(
                s ->
                    s.area().kind() == AreaKind.MUNICIPALITY
                        && s.shareOfArea() >= MUNICIPALITY_SHARE)
            .map(s -> s.area().id())
            .toList();
    return new Report(
        id,
        name,
        fpM2 / 1e6,
        date,
        shares,
        munis,
        roles(d, shares, Function.PATROL, date, fpM2),
        roles(d, shares, Function.DISPATCH, date, fpM2),
        contracts(d, shares, date, fpM2));
  }

  private static List<ProviderShare> roles(
      Dataset d, List<AreaShare> shares, Function function, LocalDate date, double fpM2) {
    Map<String, List<AreaShare>> groups = new LinkedHashMap<>();
    Map<String, RoleAnswer> answer = new LinkedHashMap<>();
    Map<String, Set<String>> rules = new LinkedHashMap<>();
    for (AreaShare s : shares) {
      RoleAnswer r = d.role(s.area(), function, date);
      Arrangement arrangement =
          r.known() ? r.service().arrangement() : r.byRule() ? r.rule().arrangement() : null;
      String key =
          r.status().id()
              + "|"
              + (r.agency() == null || r.status() == RoleAnswer.Status.UNKNOWN
                  ? ""
                  : r.agency().id())
              + "|"
              + (arrangement == null ? "" : arrangement.id());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      answer.putIfAbsent(key, r);
      if (r.byRule()) {
        rules.computeIfAbsent(key, k -> new TreeSet<>()).add(r.rule().id());
      }
    }
    List<ProviderShare> out = new ArrayList<>();
    for (Map.Entry<String, List<AreaShare>> e : groups.entrySet()) {
      RoleAnswer r = answer.get(e.getKey());
      Arrangement arrangement =
          r.known() ? r.service().arrangement() : r.byRule() ? r.rule().arrangement() : null;
      out.add(
          share(
              function,
              r.status(),
              List.copyOf(rules.getOrDefault(e.getKey(), Set.of())),
              r.status() == RoleAnswer.Status.UNKNOWN ? null : r.agency(),
              arrangement,
              e.getValue(),
              fpM2));
    }
    out.sort(Comparator.comparingDouble(ProviderShare::km2).reversed());
    return out;
  }

  private static List<ProviderShare> contracts(
      Dataset d, List<AreaShare> shares, LocalDate date, double fpM2) {
    Map<String, List<AreaShare>> groups = new LinkedHashMap<>();
    for (AreaShare s : shares) {
      for (Service c : d.contracts(s.area(), date)) {
        groups.computeIfAbsent(c.function() + "|" + c.agencyId(), k -> new ArrayList<>()).add(s);
      }
    }
    List<ProviderShare> out = new ArrayList<>();
    for (Map.Entry<String, List<AreaShare>> e : groups.entrySet()) {
      String[] fa = e.getKey().split("\\|", 2);
      out.add(
          share(
              Coded.parse(Function.class, fa[0]),
              RoleAnswer.Status.KNOWN,
              List.of(),
              d.agencies().get(fa[1]),
              Arrangement.CONTRACT,
              e.getValue(),
              fpM2));
    }
    out.sort(Comparator.comparingDouble(ProviderShare::km2).reversed());
    return out;
  }

  private static ProviderShare share(
      Function function,
      RoleAnswer.Status status,
      List<String> rules,
      Agency agency,
      Arrangement arrangement,
      List<AreaShare> areas,
      double fpM2) {
    double km2 = areas.stream().mapToDouble(AreaShare::km2).sum();
    return new ProviderShare(
        function,
        status,
        rules,
        agency,
        arrangement,
        km2,
        fpM2 == 0 ? 0 : km2 * 1e6 / fpM2,
        areas.stream().map(s -> s.area().id()).toList());
  }
}
