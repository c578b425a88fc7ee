package org.patrolmap.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.DatasetInfo;

/** How NENA values are read from agency facts, and what is left empty rather than guessed. */
class NenaTest {
  private static Agency agency(String id, String name, String phone, String website) {
    return new Agency(
        id, name, "police_department", phone, null, website, null, null, null, List.of());
  }

  private static Dataset dataset(Agency... agencies) {
    return new Dataset(
        new DatasetInfo(1, Instant.EPOCH, Map.of()),
        List.of(),
        List.of(agencies),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void agencyIdIsTheWebsiteHostWithoutWww() {
    Agency a = agency("a-pd", "A PD", null, "https://www.Ballwin.mo.us/About-Us/");
    assertEquals("ballwin.mo.us", Nena.agencyId(dataset(a), a));
  }

  @Test
  void agencyIdIsEmptyWithoutAWebsiteOrWhenAnotherAgencySharesTheHost() {
    Agency none = agency("n-pd", "N PD", null, null);
    Agency pd = agency("m-pd", "M PD", null, "https://cityofmaplewood.com/87/Police-Department");
    Agency centre = agency("ecdc", "ECDC", null, "https://cityofmaplewood.com/90/Police-Dispatch");
    Dataset d = dataset(none, pd, centre);
    assertEquals("", Nena.agencyId(d, none));
    assertEquals("", Nena.agencyId(d, pd));
    assertEquals("", Nena.agencyId(d, centre));
    assertEquals(List.of("ecdc"), Nena.sharingHost(d, pd));
  }

  @Test
  void serviceNumberIsTheDialStringOfARecordedNorthAmericanNumber() {
    assertEquals("3147294800", Nena.serviceNumber(agency("c", "C", "(314) 729-4800", null)));
    assertEquals("13147294800", Nena.serviceNumber(agency("c", "C", "1-314-729-4800", null)));
    assertNull(Nena.serviceNumber(agency("c", "C", "729-4800", null)));
    assertNull(Nena.serviceNumber(agency("c", "C", null, null)));
  }

  @Test
  void displayNameIsCutAtAWordToSixtyCharacters() {
    String name = "St. Louis County Police CARE (Computer Assisted Report Entry) records system";
    String shown = Nena.displayName(name);
    assertTrue(shown.length() <= 60, shown);
    assertEquals("St. Louis County Police CARE (Computer Assisted Report…", shown);
    assertEquals("Ballwin Police Department", Nena.displayName("Ballwin Police Department"));
  }
}
