package org.patrolmap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.patrolmap.geo.LonLat;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.testing.TestServer;

/**
 * The stored facts answer the cases, through the store-level API, on the real import in
 * PostGIS. Points are interior points of the imported polygons or ground-truth points.
 */
class CoverageFactsIT {
  private static Dataset d;
  private static final LocalDate TODAY = TestServer.QA_DATE;

  @BeforeAll
  static void load() {
    d = TestServer.get().running().datasets().current();
  }

  /** The area found at an interior point of the named place's polygon (proves the lookup too). */
  private static Area at(String geoid) {
    Point p = d.areas().get(geoid).geom().getInteriorPoint();
    return d.areaAt(new LonLat(p.getX(), p.getY())).orElseThrow();
  }

  private static RoleAnswer patrol(Area a, LocalDate date) {
    return d.role(a, Function.PATROL, date);
  }

  @Test
  void fergusonIsPatrolledByItsOwnDepartment() {
    RoleAnswer r = patrol(at("2923986"), TODAY);
    assertEquals("ferguson-pd", r.service().agencyId());
    assertEquals("own_department", r.service().arrangement().id());
    assertFalse(r.sources().isEmpty());
  }

  @Test
  void wellstonIsPatrolledByTheCooperativeUnderContractSince2015() {
    RoleAnswer r = patrol(at("2978370"), TODAY);
    assertEquals("ncpc", r.service().agencyId());
    assertEquals("contract", r.service().arrangement().id());
    assertEquals(2015, r.service().validFrom().getYear());
  }

  @Test
  void charlackChangedFromTheCooperativeToStAnn() {
    Area charlack = at("2913330");
    assertEquals("ncpc", patrol(charlack, LocalDate.of(2016, 6, 1)).service().agencyId());
    assertEquals("st-ann-pd", patrol(charlack, LocalDate.of(2020, 1, 1)).service().agencyId());
  }

  @Test
  void jenningsIsPatrolledByCountyPoliceUnderContractSince2011() {
    Area jennings = d.areaAt(new LonLat(-90.27215159, 38.71445077)).orElseThrow();
    assertEquals("2937178", jennings.id());
    RoleAnswer r = patrol(jennings, TODAY);
    assertEquals("slcpd", r.service().agencyId());
    assertEquals("contract", r.service().arrangement().id());
    assertEquals(2011, r.service().validFrom().getYear());
  }

  @Test
  void claytonIsDispatchedByEastCentral() {
    Area clayton = d.areaAt(new LonLat(-90.33859257, 38.64893351)).orElseThrow();
    assertEquals("2914572", clayton.id());
    assertEquals("ecdc", d.role(clayton, Function.DISPATCH, TODAY).service().agencyId());
  }

  @Test
  void mehlvilleIsUnincorporatedAndPatrolledByCountyPoliceByDefault() {
    Area a = d.areaAt(new LonLat(-90.30352246, 38.52090972)).orElseThrow();
    assertEquals(AreaKind.UNINCORPORATED, a.kind());
    assertTrue(a.localities().contains("Mehlville"), a.localities().toString());
    RoleAnswer r = patrol(a, TODAY);
    assertEquals("slcpd", r.service().agencyId());
    assertEquals("county_default", r.service().arrangement().id());
  }

  @Test
  void theCityIsPatrolledBySlmpd() {
    Area city = d.areaAt(new LonLat(-90.1994, 38.6270)).orElseThrow();
    assertEquals(AreaKind.INDEPENDENT_CITY, city.kind());
    assertEquals("slmpd", patrol(city, TODAY).service().agencyId());
  }

  @Test
  void veldaCityTodayIsUnknownWithTheCountyRuleAttached() {
    Area velda = at("2975796");
    RoleAnswer r = patrol(velda, TODAY);
    assertFalse(r.known());
    assertNull(r.agency());
    assertNotNull(r.rule());
    assertEquals("no_patrol_provider", r.rule().appliesTo());
    assertFalse(r.ruleSources().isEmpty());
    assertTrue(
        patrol(velda, LocalDate.of(2023, 1, 1)).known(),
        "Velda City PD patrolled before 2024-03-15");
  }

  @Test
  void theAreasTileTheCountiesWith88MunicipalitiesIncludingPacific() {
    long munis = d.areas().values().stream().filter(a -> a.kind() == AreaKind.MUNICIPALITY).count();
    assertEquals(88, munis);
    assertTrue(d.areas().containsKey("2955910"), "Pacific");
    assertEquals(
        1, d.areas().values().stream().filter(a -> a.kind() == AreaKind.INDEPENDENT_CITY).count());
    assertTrue(d.areas().values().stream().anyMatch(a -> a.kind() == AreaKind.UNINCORPORATED));
  }
}
