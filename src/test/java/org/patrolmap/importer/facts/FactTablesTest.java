package org.patrolmap.importer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;

/**
 * The fact loader's validation on small hand-written tables: every bad row names file, line and
 * column.
 */
class FactTablesTest {
  @TempDir Path dir;
  private final Map<String, Area> areas = new LinkedHashMap<>();

  @BeforeEach
  void tables() throws Exception {
    WKTReader r = new WKTReader();
    areas.put(
        "2923986",
        new Area(
            "2923986",
            "Ferguson",
            AreaKind.MUNICIPALITY,
            "29189",
            List.of(),
            "test",
            1,
            r.read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")));
    areas.put(
        "uninc-mehlville",
        new Area(
            "uninc-mehlville",
            "Unincorporated",
            AreaKind.UNINCORPORATED,
            "29189",
            List.of("Mehlville"),
            "test",
            1,
            r.read("POLYGON ((2 0, 3 0, 3 1, 2 1, 2 0))")));
    write(
        "sources.csv",
        "id,title,publisher,url,date,note\ns1,A source,Pub,https://example.org/a,2016-05-23,\n");
    write(
        "agencies.csv",
        "id,name,kind,phone,address,website,accreditation,accreditation_date,source_ids,note\n"
            + "ferguson-pd,Ferguson PD,police_department,,,,,,s1,\nslcpd,County police,county_police,,,,,,,\n");
    write(
        "services.csv",
        header()
            + "f-patrol-1,2923986,Ferguson,patrol,ferguson-pd,own_department,,2020-01-01,high,s1,\n"
            + "f-patrol-2,2923986,Ferguson,patrol,slcpd,contract,2020-01-01,,medium,s1,\n");
    write(
        "rules.csv",
        "id,applies_to,function,agency_id,arrangement,confidence,source_ids,note\n"
            + "u,unincorporated,patrol,slcpd,county_default,high,s1,County police patrol unincorporated areas\n"
            + "f,no_patrol_provider,patrol,,,,s1,County police answer 911 where no department\n");
  }

  private static String header() {
    return "id,area_geoid,area_name,function,agency_id,arrangement,valid_from,valid_to,confidence,source_ids,note\n";
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String failure() {
    return assertThrows(InputDataException.class, () -> FactTables.load(dir, areas)).getMessage();
  }

  @Test
  void validTablesLoadAndRulesGiveUnincorporatedAreasTheirProvider() {
    FactTables t = FactTables.load(dir, areas);
    assertEquals(3, t.services().size());
    assertTrue(
        t.services().stream()
            .anyMatch(
                s ->
                    s.areaId().equals("uninc-mehlville")
                        && s.arrangement().id().equals("county_default")));
  }

  @Test
  void overlappingPatrolProvidersAreRejectedWithLineAndColumn() throws IOException {
    write(
        "services.csv",
        header()
            + "a,2923986,Ferguson,patrol,ferguson-pd,own_department,,2020-06-01,high,s1,\n"
            + "b,2923986,Ferguson,patrol,slcpd,contract,2020-01-01,,high,s1,\n");
    String m = failure();
    assertTrue(m.contains("services.csv line 3, column valid_from") && m.contains("overlaps"), m);
  }

  @Test
  void unknownAgencySourceAndAreaAreRejected() throws IOException {
    write(
        "services.csv",
        header()
            + "a,2923986,Ferguson,patrol,nobody,own_department,,,high,s9,\n"
            + "b,1234567,Nowhere,patrol,slcpd,contract,,,high,s1,\n");
    String m = failure();
    assertTrue(m.contains("line 2, column agency_id"), m);
    assertTrue(m.contains("line 2, column source_ids") && m.contains("s9"), m);
    assertTrue(m.contains("line 3, column area_geoid"), m);
  }

  @Test
  void badDatesAndReversedPeriodsAreRejected() throws IOException {
    write(
        "services.csv",
        header()
            + "a,2923986,Ferguson,patrol,slcpd,contract,2020-02-30,,high,s1,\n"
            + "b,2923986,Ferguson,dispatch,slcpd,contract,2021-01-01,2020-01-01,high,s1,\n");
    String m = failure();
    assertTrue(m.contains("line 2, column valid_from"), m);
    assertTrue(m.contains("line 3, column valid_to"), m);
  }

  @Test
  void aServiceWithoutSourceOrWithUnknownEnumsIsRejected() throws IOException {
    write("services.csv", header() + "a,2923986,Ferguson,patrolling,slcpd,friendly,,,sure,,\n");
    String m = failure();
    for (String col : new String[] {"function", "arrangement", "confidence", "source_ids"}) {
      assertTrue(m.contains("column " + col), m);
    }
  }

  @Test
  void inferredFactsMustBeLowConfidence() throws IOException {
    write(
        "services.csv",
        header() + "a,2923986,Ferguson,patrol,slcpd,contract,,,high,s1,Inferred from reports\n");
    assertTrue(failure().contains("column confidence"));
  }

  @Test
  void aRuleForUnknownAreasMustNotNameAProvider() throws IOException {
    write(
        "rules.csv",
        "id,applies_to,function,agency_id,arrangement,confidence,source_ids,note\n"
            + "f,no_patrol_provider,patrol,slcpd,,,s1,guess\n");
    assertTrue(failure().contains("unknown stays unknown"));
  }

  @Test
  void malformedCsvIsRejectedWithItsLine() throws IOException {
    write(
        "sources.csv",
        "id,title,publisher,url,date,note\ns1,\"unterminated,Pub,https://x.org,2016,\n");
    assertTrue(failure().contains("line 2: a quoted cell is not closed"), failure());
    write("sources.csv", "id,title\n");
    assertTrue(failure().contains("missing column"));
    Files.write(dir.resolve("sources.csv"), new byte[] {'i', 'd', (byte) 0xff, '\n'});
    assertTrue(failure().contains("line 1: is not valid UTF-8"), failure());
  }

  private static String contactHeader() {
    return "id,agency_id,kind,value,valid_from,valid_to,confidence,source_ids,as_printed,note\n";
  }

  @Test
  void contactsLoadAsDatedCitedFactsAndFillTheAgencyPhone() throws IOException {
    write(
        "contacts.csv",
        contactHeader()
            + "ferguson-pd-non-emergency-1,ferguson-pd,non_emergency,(314) 522-3100,,,medium,s1,"
            + "\"Call the Ferguson Police Department at 314-522-3100\",\n"
            + "ferguson-pd-non-emergency-2,ferguson-pd,non_emergency,(314) 555-0100,,2019-01-01,high,s1,,old\n"
            + "ferguson-pd-city-hall-1,ferguson-pd,city_hall,(314) 521-7721,,,high,s1,,\n"
            + "ferguson-pd-accreditation-1,ferguson-pd,accreditation,CALEA,2003-07-01,,high,s1,,first award\n");
    FactTables t = FactTables.load(dir, areas);
    assertEquals(4, t.contacts().size());
    org.patrolmap.model.Contact first = t.contacts().get(0);
    assertEquals(org.patrolmap.model.ContactKind.NON_EMERGENCY, first.kind());
    assertEquals(List.of("s1"), first.sourceIds());
    assertEquals("Call the Ferguson Police Department at 314-522-3100", first.asPrinted());
    assertEquals("tel:+1-314-522-3100", first.telUri());
    // the open-ended non-emergency line, never the ended one nor the city hall line
    assertEquals(
        "(314) 522-3100",
        t.agencies().stream().filter(a -> a.id().equals("ferguson-pd")).findFirst().get().phone());
  }

  @Test
  void badContactRowsAreRejectedNamingFileLineAndColumn() throws IOException {
    write(
        "contacts.csv",
        contactHeader()
            + "c-1,ferguson-pd,non_emergency,314.522.3100,,,high,s1,,\n"
            + "c-2,nobody-pd,website,https://example.org/,,,high,s1,,\n"
            + "c-3,ferguson-pd,fax,(314) 522-3100,,,high,s1,,\n"
            + "c-4,ferguson-pd,address,1 Main St,2020-01-01,2019-01-01,high,s1,,\n"
            + "c-5,ferguson-pd,website,https://example.org/,,,high,,,\n"
            + "c-6,ferguson-pd,accreditation,ISO,,,high,s1,,\n");
    String m = failure();
    assertTrue(m.contains("contacts.csv line 2, column value"), m);
    assertTrue(m.contains("contacts.csv line 3, column agency_id"), m);
    assertTrue(m.contains("contacts.csv line 4, column kind"), m);
    assertTrue(m.contains("contacts.csv line 5, column valid_to"), m);
    assertTrue(m.contains("contacts.csv line 6, column source_ids"), m);
    assertTrue(m.contains("contacts.csv line 7, column value"), m);
  }

  @Test
  void countyContractRuleMustNameItsAgency() throws IOException {
    write(
        "rules.csv",
        "id,applies_to,function,agency_id,arrangement,confidence,source_ids,note\n"
            + "r,county_patrol_contract,dispatch,,contract,medium,s1,County contracts include dispatch\n");
    String m = failure();
    assertTrue(m.contains("rules.csv line 2, column agency_id"), m);
  }
}
