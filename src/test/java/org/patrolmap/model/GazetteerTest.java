package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TinyDataset;

/** Place search over the tiny dataset: folding, abbreviations, typos and ranking. */
class GazetteerTest {
  private static final Gazetteer G = new Gazetteer(TinyDataset.build());

  private static List<String> names(String q) {
    return G.search(q).stream().map(h -> h.place().name()).toList();
  }

  @Test
  void aTownNameFindsTheTownBeforeItsPoliceDepartment() {
    assertEquals(List.of("Alderbrook", "Alderbrook Police Department"), names("alderbrook"));
    Gazetteer.Place town = G.search("Alderbrook").get(0).place();
    assertEquals(Gazetteer.Kind.MUNICIPALITY, town.kind());
    assertEquals(TinyDataset.ALDERBROOK, town.areaId());
  }

  @Test
  void caseAccentsAndPunctuationAreIgnored() {
    assertEquals("Alderbrook", names("  ÁLDERBRÖOK!! ").get(0));
  }

  @Test
  void pdMeansPoliceDepartmentAndFindsTheAgencyFirst() {
    Gazetteer.Hit hit = G.search("alderbrook pd").get(0);
    assertEquals(Gazetteer.Kind.AGENCY, hit.place().kind());
    assertEquals(TinyDataset.ALDERBROOK_PD, hit.place().id());
    assertEquals(0, hit.cost());
  }

  @Test
  void oneTypoAndTwoInALongWordStillMatch() {
    assertEquals("Alderbrook", names("aldrebrook").get(0));
    assertEquals("Alderbrook", names("aldebrok").get(0));
    assertEquals("Birchfield", names("brichfeld").get(0));
  }

  @Test
  void aPrefixBeingTypedMatches() {
    assertEquals("Riverton", names("river").get(0));
    assertEquals("Riverton", names("rivr").get(0));
  }

  @Test
  void anUnincorporatedLocalityIsFoundByItsName() {
    Gazetteer.Place p = G.search("cedar hollow").get(0).place();
    assertEquals(Gazetteer.Kind.LOCALITY, p.kind());
    assertEquals(TinyDataset.CEDAR_HOLLOW, p.areaId());
    assertTrue(p.extent().contains(p.point().getCoordinate()));
  }

  @Test
  void anAgencyIsShownOverEveryAreaItServes() {
    Gazetteer.Place coop = G.search("Dunmore Area Police Cooperative").get(0).place();
    assertEquals(TinyDataset.COOPERATIVE, coop.id());
    assertEquals(TinyDataset.DUNMORE, coop.areaId());
  }

  @Test
  void initialsFindAnAgency() {
    assertEquals("Dunmore Area Police Cooperative", names("DAPC").get(0));
  }

  @Test
  void unrelatedOrEmptyQueriesFindNothing() {
    assertEquals(List.of(), names("zzzzqqq"));
    assertEquals(List.of(), names("—"));
    assertEquals(List.of(), names("x"));
  }

  @Test
  void distanceCountsSwapsAsOneEditAndStopsEarly() {
    assertEquals(1, Gazetteer.distance("fregus", "fergus", 2));
    assertEquals(3, Gazetteer.distance("abcdef", "uvwxyz", 2));
  }
}
