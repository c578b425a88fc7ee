package org.patrolmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.model.Area;
import org.patrolmap.model.ContactKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.testing.TestServer;

/**
 * Issue 12 at the store level: the dated facts of the 2026-12 research as the store reads them back
 * from PostGIS in a fresh load (no HTTP, no cache of the running server), so a fault in the fact
 * tables, the writer or the reader shows here even when the answers' JSON would hide it.
 */
class ServiceHistoryIT {
  private static Database db;
  private static Dataset d;

  @BeforeAll
  static void load() {
    TestServer.get(); // imports the real data once per JVM
    db = Database.open(TestServer.config().dbUrl(), 1);
    DatasetRepository repo = new DatasetRepository(db);
    d = repo.load(repo.currentId().orElseThrow());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Area area(String name) {
    return d.areas().values().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no area " + name));
  }

  private static RoleAnswer role(String area, Function f, String date) {
    return d.role(area(area), f, LocalDate.parse(date));
  }

  @Test
  void shrewsburyLeftEcdcForCountyDispatchOn20220628() {
    RoleAnswer before = role("Shrewsbury", Function.DISPATCH, "2022-06-27");
    RoleAnswer after = role("Shrewsbury", Function.DISPATCH, "2022-06-28");
    assertTrue(before.known() && after.known());
    assertEquals("ecdc", before.agency().id());
    assertEquals("slcpd-communications", after.agency().id());
    assertEquals(LocalDate.of(2022, 6, 28), after.service().validFrom());
    assertFalse(after.sources().isEmpty(), "a cited row, not a rule");
  }

  @Test
  void flordellHillsWasPatrolledByCountryClubHillsIn2012AndByJenningsBefore2011() {
    RoleAnswer p = role("Flordell Hills", Function.PATROL, "2012-06-01");
    assertEquals("country-club-hills-pd", p.agency().id());
    assertEquals(
        "jennings-pd", role("Flordell Hills", Function.PATROL, "2010-06-01").agency().id());
    assertFalse(role("Flordell Hills", Function.PATROL, "2018-06-01").known());
  }

  @Test
  void aCountyContractTownIsDispatchedByRuleWithTheRuleAndItsSources() {
    RoleAnswer r = role("Black Jack", Function.DISPATCH, "2026-11-22");
    assertTrue(r.byRule(), "decided by the rule, not by a row");
    assertNull(r.service());
    assertEquals("slcpd-communications", r.agency().id());
    assertFalse(r.ruleSources().isEmpty());
    assertTrue(r.rule().note().contains("automatically afforded"), r.rule().note());
  }

  @Test
  void berkeleyHasACityHallLineAndNoPoliceLine() {
    LocalDate today = LocalDate.of(2026, 11, 22);
    assertTrue(d.bestContact("berkeley-pd", ContactKind.NON_EMERGENCY, today).isEmpty());
    assertTrue(d.bestContact("berkeley-pd", ContactKind.CITY_HALL, today).isPresent());
  }
}
