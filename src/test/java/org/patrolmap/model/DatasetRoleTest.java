package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK_PD;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.CEDAR_HOLLOW;
import static org.patrolmap.testing.TinyDataset.COOPERATIVE;
import static org.patrolmap.testing.TinyDataset.COUNTY_PD;
import static org.patrolmap.testing.TinyDataset.DUNMORE;
import static org.patrolmap.testing.TinyDataset.RIVERTON;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patrolmap.geo.LonLat;
import org.patrolmap.testing.TinyDataset;

/**
 * Who provides what for an area on a date, and which contracts are in force, on the tiny dataset.
 */
class DatasetRoleTest {
  private final Dataset d = TinyDataset.build();

  private RoleAnswer role(String areaId, Function f, String date) {
    return d.role(d.areas().get(areaId), f, LocalDate.parse(date));
  }

  private List<String> contractIds(String areaId, String date) {
    return d.contracts(d.areas().get(areaId), LocalDate.parse(date)).stream()
        .map(Service::id)
        .toList();
  }

  @Test
  void serviceWithoutStartDateIsKnownSinceEver() {
    for (String date : List.of("1800-01-01", "1999-12-31", "2024-05-01")) {
      RoleAnswer r = role(ALDERBROOK, Function.PATROL, date);
      assertTrue(r.known(), date);
      assertEquals(ALDERBROOK_PD, r.agency().id(), date);
      assertEquals(Arrangement.OWN_DEPARTMENT, r.service().arrangement(), date);
      assertEquals(List.of("alderbrook-site"), r.sources().stream().map(Source::id).toList(), date);
      assertNull(r.rule(), date);
    }
  }

  @Test
  void contractChangesHandsOnTheChangeDayBecauseValidToIsExclusive() {
    RoleAnswer before = role(BIRCHFIELD, Function.PATROL, "2020-06-30");
    RoleAnswer on = role(BIRCHFIELD, Function.PATROL, TinyDataset.CONTRACT_CHANGE);
    assertEquals("birchfield-patrol-1", before.service().id());
    assertEquals(ALDERBROOK_PD, before.agency().id());
    assertEquals("birchfield-patrol-2", on.service().id());
    assertEquals(COUNTY_PD, on.agency().id());
    assertEquals(LocalDate.parse(TinyDataset.CONTRACT_CHANGE), on.service().validFrom());
  }

  @Test
  void dayBeforeValidFromIsUnknownWithTheNoPatrolProviderRuleAndItsSources() {
    RoleAnswer before = role(DUNMORE, Function.PATROL, "2011-12-31");
    assertFalse(before.known());
    assertNull(before.agency());
    assertEquals("no-patrol-fallback", before.rule().id());
    assertEquals(
        List.of("county-ordinance"), before.ruleSources().stream().map(Source::id).toList());

    RoleAnswer first = role(DUNMORE, Function.PATROL, TinyDataset.COOPERATIVE_START);
    assertTrue(first.known());
    assertEquals(COOPERATIVE, first.agency().id());
    assertEquals(Arrangement.COOPERATIVE, first.service().arrangement());
  }

  @Test
  void unknownDispatchCarriesTheNoDispatchProviderRule() {
    RoleAnswer r = role(BIRCHFIELD, Function.DISPATCH, "2024-05-01");
    assertFalse(r.known());
    assertEquals("no-dispatch-fallback", r.rule().id());
    assertEquals("no_dispatch_provider", r.rule().appliesTo());
  }

  @Test
  void unknownRecordsHasNoRuleWhenNoneAppliesToThatFunction() {
    RoleAnswer r = role(ALDERBROOK, Function.RECORDS, "2024-05-01");
    assertFalse(r.known());
    assertNull(r.rule());
    assertEquals(List.of(), r.ruleSources());
  }

  @Test
  void unincorporatedAreaIsServedByTheCountyDefaultFromTheRule() {
    RoleAnswer patrol = role(CEDAR_HOLLOW, Function.PATROL, "1950-01-01");
    assertEquals(COUNTY_PD, patrol.agency().id());
    assertEquals(Arrangement.COUNTY_DEFAULT, patrol.service().arrangement());
    assertEquals("rule", patrol.service().origin());
    assertEquals(AreaKind.UNINCORPORATED, d.areas().get(CEDAR_HOLLOW).kind());
  }

  @Test
  void contractsAreOnlyContractArrangementsInForceOnTheDate() {
    assertEquals(List.of("birchfield-patrol-1"), contractIds(BIRCHFIELD, "2020-06-30"));
    assertEquals(
        List.of("birchfield-patrol-2"), contractIds(BIRCHFIELD, TinyDataset.CONTRACT_CHANGE));
    assertEquals(List.of(), contractIds(BIRCHFIELD, "2016-02-29"));
    assertEquals(List.of(), contractIds(ALDERBROOK, "2014-12-31"));
    assertEquals(
        List.of("alderbrook-dispatch-1"),
        contractIds(ALDERBROOK, TinyDataset.DISPATCH_CONTRACT_START));
    // own department, county default and cooperative are not contracts
    assertEquals(List.of(), contractIds(RIVERTON, "2024-05-01"));
    assertEquals(List.of(), contractIds(CEDAR_HOLLOW, "2024-05-01"));
    assertEquals(List.of("dunmore-dispatch-1"), contractIds(DUNMORE, "2024-05-01"));
  }

  @Test
  void pointOnASharedEdgeBelongsToTheAreaWithTheSmallerId() {
    assertEquals(ALDERBROOK, d.areaAt(new LonLat(-90.30, 38.705)).orElseThrow().id());
    assertEquals(BIRCHFIELD, d.areaAt(new LonLat(-90.2999, 38.705)).orElseThrow().id());
    assertTrue(d.areaAt(new LonLat(-90.2, 38.705)).isEmpty());
  }
}
