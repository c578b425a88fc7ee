package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK_PD;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.CEDAR_HOLLOW;
import static org.patrolmap.testing.TinyDataset.COOPERATIVE;
import static org.patrolmap.testing.TinyDataset.COUNTY_COMMS;
import static org.patrolmap.testing.TinyDataset.COUNTY_PD;
import static org.patrolmap.testing.TinyDataset.DUNMORE;
import static org.patrolmap.testing.TinyDataset.RIVERTON;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.testing.TinyDataset;

/**
 * The planner's overlay on the tiny footprint. Expected areas and shares are computed here from the
 * WKT literals (JTS intersection, spherical area), independently of {@link Overlay}.
 */
class OverlayTest {
  private static final double EPS = 1e-9;
  private final Dataset d = TinyDataset.build();
  private final Geometry footprint = TinyDataset.wkt(TinyDataset.FOOTPRINT_WKT);
  private final double footprintM2 = GeoMath.areaM2(footprint);

  /** Area id → m² of the footprint inside it, for every area the footprint meets. */
  private Map<String, Double> expectedInsideM2() {
    Map<String, String> wkt =
        Map.of(
            ALDERBROOK,
            TinyDataset.ALDERBROOK_WKT,
            BIRCHFIELD,
            TinyDataset.BIRCHFIELD_WKT,
            CEDAR_HOLLOW,
            TinyDataset.CEDAR_HOLLOW_WKT,
            DUNMORE,
            TinyDataset.DUNMORE_WKT,
            RIVERTON,
            TinyDataset.RIVERTON_WKT);
    Map<String, Double> out = new LinkedHashMap<>();
    wkt.forEach(
        (id, w) -> {
          double m2 = GeoMath.areaM2(footprint.intersection(TinyDataset.wkt(w)));
          if (m2 >= 1) {
            out.put(id, m2);
          }
        });
    return out;
  }

  private double expectedKm2(Set<String> areaIds) {
    return expectedInsideM2().entrySet().stream()
            .filter(e -> areaIds.contains(e.getKey()))
            .mapToDouble(Map.Entry::getValue)
            .sum()
        / 1e6;
  }

  private static Overlay.ProviderShare group(
      List<Overlay.ProviderShare> list, Predicate<Overlay.ProviderShare> which) {
    return list.stream()
        .filter(which)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no such group in " + list));
  }

  /** The areas of every share of one agency (one per arrangement and status). */
  private static Set<String> areasOf(List<Overlay.ProviderShare> list, String agencyId) {
    return list.stream()
        .filter(agency(agencyId))
        .flatMap(p -> p.areaIds().stream())
        .collect(Collectors.toSet());
  }

  private static Predicate<Overlay.ProviderShare> agency(String id) {
    return p -> p.agency() != null && p.agency().id().equals(id);
  }

  private Overlay.Report report(String date) {
    return Overlay.compute(
        d, TinyDataset.FOOTPRINT_ID, "Tiny School District", footprint, LocalDate.parse(date));
  }

  @Test
  void areaSharesEqualTheIntersectionsOfTheWktLiterals() {
    Map<String, Double> expected = expectedInsideM2();
    Overlay.Report r = report("2024-05-01");
    assertEquals(
        expected.keySet(), r.areas().stream().map(s -> s.area().id()).collect(Collectors.toSet()));
    assertTrue(!expected.containsKey(RIVERTON), "the fixture's footprint misses Riverton");
    assertEquals(footprintM2 / 1e6, r.footprintKm2(), EPS);
    for (Overlay.AreaShare s : r.areas()) {
      double m2 = expected.get(s.area().id());
      double areaM2 = GeoMath.areaM2(d.areas().get(s.area().id()).geom());
      assertEquals(m2 / 1e6, s.km2(), EPS, s.area().id());
      assertEquals(m2 / footprintM2, s.shareOfFootprint(), EPS, s.area().id());
      assertEquals(m2 / areaM2, s.shareOfArea(), EPS, s.area().id());
    }
    List<String> byKm2 =
        expected.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    assertEquals(byKm2, r.areas().stream().map(s -> s.area().id()).toList(), "largest first");
  }

  @Test
  void municipalitiesAreTheMunicipalAreasWithAtLeastTheThresholdShareInside() {
    Map<String, Double> inside = expectedInsideM2();
    double dunmoreShare =
        inside.get(DUNMORE) / GeoMath.areaM2(TinyDataset.wkt(TinyDataset.DUNMORE_WKT));
    assertTrue(
        dunmoreShare > 0 && dunmoreShare < Overlay.MUNICIPALITY_SHARE,
        "fixture: Dunmore is a sliver, " + dunmoreShare);
    Set<String> expected =
        inside.keySet().stream()
            .filter(id -> d.areas().get(id).kind() == AreaKind.MUNICIPALITY)
            .filter(
                id ->
                    inside.get(id) / GeoMath.areaM2(d.areas().get(id).geom())
                        >= Overlay.MUNICIPALITY_SHARE)
            .collect(Collectors.toSet());
    assertEquals(Set.of(ALDERBROOK, BIRCHFIELD), expected, "fixture as documented");
    assertEquals(expected, Set.copyOf(report("2024-05-01").municipalities()));
  }

  @Test
  void patrolGroupsFollowTheContractChange() {
    Overlay.Report before = report("2020-06-30");
    assertEquals(Set.of(ALDERBROOK, BIRCHFIELD), areasOf(before.patrol(), ALDERBROOK_PD));
    // one agency under two arrangements is two shares, each with its own arrangement
    Overlay.ProviderShare own =
        group(
            before.patrol(),
            agency(ALDERBROOK_PD).and(p -> p.arrangement() == Arrangement.OWN_DEPARTMENT));
    Overlay.ProviderShare contract =
        group(
            before.patrol(),
            agency(ALDERBROOK_PD).and(p -> p.arrangement() == Arrangement.CONTRACT));
    assertEquals(List.of(ALDERBROOK), own.areaIds());
    assertEquals(List.of(BIRCHFIELD), contract.areaIds());
    assertEquals(expectedKm2(Set.of(ALDERBROOK)), own.km2(), EPS);
    assertEquals(expectedKm2(Set.of(BIRCHFIELD)), contract.km2(), EPS);
    assertEquals(
        Set.of(CEDAR_HOLLOW), Set.copyOf(group(before.patrol(), agency(COUNTY_PD)).areaIds()));

    Overlay.Report after = report(TinyDataset.CONTRACT_CHANGE);
    assertEquals(Set.of(BIRCHFIELD, CEDAR_HOLLOW), areasOf(after.patrol(), COUNTY_PD));
    double countyKm2 =
        after.patrol().stream()
            .filter(agency(COUNTY_PD))
            .mapToDouble(Overlay.ProviderShare::km2)
            .sum();
    double countyShare =
        after.patrol().stream()
            .filter(agency(COUNTY_PD))
            .mapToDouble(Overlay.ProviderShare::shareOfFootprint)
            .sum();
    assertEquals(expectedKm2(Set.of(BIRCHFIELD, CEDAR_HOLLOW)), countyKm2, EPS);
    assertEquals(
        expectedKm2(Set.of(BIRCHFIELD, CEDAR_HOLLOW)) * 1e6 / footprintM2, countyShare, EPS);
    assertEquals(Set.of(ALDERBROOK), areasOf(after.patrol(), ALDERBROOK_PD));
    assertEquals(Set.of(DUNMORE), areasOf(after.patrol(), COOPERATIVE));
  }

  @Test
  void providerGroupsPartitionTheFootprintLargestFirst() {
    Overlay.Report r = report("2024-05-01");
    for (List<Overlay.ProviderShare> list : List.of(r.patrol(), r.dispatch())) {
      assertEquals(
          expectedInsideM2().values().stream().mapToDouble(Double::doubleValue).sum() / footprintM2,
          list.stream().mapToDouble(Overlay.ProviderShare::shareOfFootprint).sum(),
          EPS);
      assertEquals(
          list.stream()
              .sorted(Comparator.comparingDouble(Overlay.ProviderShare::km2).reversed())
              .toList(),
          list);
    }
  }

  @Test
  void unknownDispatchIsAGroupWithoutAgencyOrArrangement() {
    Overlay.Report r = report("2024-05-01");
    Overlay.ProviderShare unknown = group(r.dispatch(), p -> p.agency() == null);
    assertEquals(List.of(BIRCHFIELD), unknown.areaIds());
    assertNull(unknown.arrangement());
    assertEquals(expectedKm2(Set.of(BIRCHFIELD)), unknown.km2(), EPS);
    assertEquals(RoleAnswer.Status.UNKNOWN, unknown.status());
    assertEquals(Set.of(ALDERBROOK, CEDAR_HOLLOW, DUNMORE), areasOf(r.dispatch(), COUNTY_COMMS));
    assertTrue(
        r.dispatch().stream()
            .filter(agency(COUNTY_COMMS))
            .allMatch(p -> p.status() == RoleAnswer.Status.KNOWN && p.arrangement() != null));
    assertEquals(
        1 + r.dispatch().stream().filter(agency(COUNTY_COMMS)).count(), r.dispatch().size());
  }

  @Test
  void contractsGroupByFunctionAndAgency() {
    Overlay.Report r = report("2024-05-01");
    Overlay.ProviderShare patrol = group(r.contracts(), p -> p.function() == Function.PATROL);
    assertEquals(COUNTY_PD, patrol.agency().id());
    assertEquals(List.of(BIRCHFIELD), patrol.areaIds());
    assertEquals(Arrangement.CONTRACT, patrol.arrangement());
    Overlay.ProviderShare dispatch = group(r.contracts(), p -> p.function() == Function.DISPATCH);
    assertEquals(COUNTY_COMMS, dispatch.agency().id());
    assertEquals(Set.of(ALDERBROOK, DUNMORE), Set.copyOf(dispatch.areaIds()));
    assertEquals(expectedKm2(Set.of(ALDERBROOK, DUNMORE)), dispatch.km2(), EPS);
    assertEquals(
        2, r.contracts().size(), "no contract for the own-department and county-default areas");
  }
}
