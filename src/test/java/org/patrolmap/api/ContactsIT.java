package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.patrolmap.importer.facts.Csv;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * Issue 12 on the real import: lookups lead with a cited non-emergency number (checked against
 * data/contacts.csv, not against copies of the output), dated dispatch and patrol history from the
 * 2026-12 research, answers decided by a cited rule, and a town with only a city hall line.
 */
class ContactsIT {
  private static String base;
  private static Dataset d;
  private static List<Map<String, String>> contacts;

  @BeforeAll
  static void start() throws IOException {
    base = TestServer.get().baseUrl();
    d = TestServer.get().running().datasets().current();
    List<String> cols =
        List.of("id", "agency_id", "kind", "value", "valid_to", "confidence", "source_ids");
    contacts =
        Csv.read(Path.of("data", "contacts.csv"), cols).stream()
            .map(
                r -> {
                  Map<String, String> m = new HashMap<>();
                  cols.forEach(c -> m.put(c, r.get(c) == null ? "" : r.get(c)));
                  return m;
                })
            .toList();
  }

  private static Area area(String name) {
    return d.areas().values().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no area " + name));
  }

  private static JsonNode lookup(Area a, String date) {
    Point p = a.geom().getInteriorPoint();
    return TestHttp.getJson(
        String.format(
            Locale.ROOT,
            "%s/api/lookup?lon=%.6f&lat=%.6f&date=%s",
            base,
            p.getX(),
            p.getY(),
            date));
  }

  /**
   * The open-ended non_emergency row of the agency in data/contacts.csv with the best confidence.
   */
  private static Map<String, String> row(String agencyId) {
    List<String> order = List.of("high", "medium", "low");
    return contacts.stream()
        .filter(r -> r.get("agency_id").equals(agencyId))
        .filter(r -> r.get("kind").equals("non_emergency") && r.get("valid_to").isEmpty())
        .min((x, y) -> order.indexOf(x.get("confidence")) - order.indexOf(y.get("confidence")))
        .orElseThrow(() -> new AssertionError("no non_emergency row for " + agencyId));
  }

  private static void assertCitedNumber(JsonNode role, String agencyId) {
    assertEquals(agencyId, role.path("agency").path("id").asText(), role.toString());
    Map<String, String> expected = row(agencyId);
    JsonNode n = role.path("non_emergency");
    assertEquals(expected.get("value"), n.path("value").asText(), n.toString());
    assertEquals(expected.get("id"), n.path("id").asText());
    assertEquals(expected.get("confidence"), n.path("confidence").asText());
    assertTrue(n.path("tel").asText().startsWith("tel:+1-"), n.toString());
    String firstSource = expected.get("source_ids").split(";")[0];
    assertTrue(n.path("sources").size() >= 1, n.toString());
    boolean cited = false;
    for (JsonNode s : n.path("sources")) {
      cited |=
          s.path("id").asText().equals(firstSource) && s.path("url").asText().startsWith("http");
    }
    assertTrue(cited, "number cites " + firstSource + ": " + n);
  }

  @Test
  void fergusonCityAndCountyPatrolLookupsCarryTheirCitedNonEmergencyNumber() {
    JsonNode f = lookup(area("Ferguson"), "2026-11-22");
    assertCitedNumber(f.path("patrol"), "ferguson-pd");
    assertEquals("911", f.path("call").path("emergency").asText());
    assertEquals("patrol", f.path("call").path("non_emergency").path("of").asText());
    assertEquals(
        row("ferguson-pd").get("value"),
        f.path("call").path("non_emergency").path("value").asText());

    assertCitedNumber(lookup(d.areas().get("2965000"), "2026-11-22").path("patrol"), "slmpd");

    Area uninc =
        d.areas().values().stream()
            .filter(a -> a.kind() == AreaKind.UNINCORPORATED)
            .findFirst()
            .orElseThrow();
    JsonNode county = lookup(uninc, "2026-11-22");
    assertCitedNumber(county.path("patrol"), "slcpd");
    assertCitedNumber(county.path("dispatch"), "slcpd-communications");
  }

  @Test
  void shrewsburyIsDispatchedByEcdcBeforeAndByCountyFrom20220628() {
    Area s = area("Shrewsbury");
    JsonNode before = lookup(s, "2022-06-27").path("dispatch");
    JsonNode after = lookup(s, "2022-06-28").path("dispatch");
    assertEquals("ecdc", before.path("agency").path("id").asText());
    assertEquals("known", after.path("status").asText());
    assertEquals("slcpd-communications", after.path("agency").path("id").asText());
    assertEquals("2022-06-28", after.path("since").asText());
    // Shrewsbury's own cited line is the County non-emergency number from that day only
    assertTrue(lookup(s, "2022-06-27").path("patrol").path("non_emergency").isNull());
    assertEquals(
        "(636) 529-8210",
        lookup(s, "2022-06-28").path("patrol").path("non_emergency").path("value").asText());
  }

  @Test
  void flordellHillsWasPatrolledByCountryClubHillsIn2012() {
    JsonNode p = lookup(area("Flordell Hills"), "2012-06-01").path("patrol");
    assertEquals("known", p.path("status").asText());
    assertEquals("country-club-hills-pd", p.path("agency").path("id").asText());
    assertEquals("2011-01-01", p.path("since").asText());
    assertEquals("2014-10-01", p.path("until").asText());
    assertEquals(
        "flordell-hills-pd",
        lookup(area("Flordell Hills"), "2014-12-01")
            .path("patrol")
            .path("agency")
            .path("id")
            .asText());
    assertEquals(
        "unknown",
        lookup(area("Flordell Hills"), "2018-06-01").path("patrol").path("status").asText());
  }

  @Test
  void blackJackDispatchIsAnsweredByTheCountyContractRuleLabelledAsSuch() {
    JsonNode dsp = lookup(area("Black Jack"), "2026-11-22").path("dispatch");
    assertEquals("by_rule", dsp.path("status").asText(), dsp.toString());
    assertEquals("slcpd-communications", dsp.path("agency").path("id").asText());
    assertEquals("county-contract-dispatch", dsp.path("rule").path("id").asText());
    assertTrue(dsp.path("rule").path("text").asText().contains("automatically afforded"));
    assertTrue(dsp.path("rule").path("sources").size() >= 1);
    assertEquals(0, dsp.path("sources").size(), "a rule is never presented as a cited provider");
    // never above medium; here low, because the SLCPD patrol row it rests on is itself inferred
    assertEquals("low", dsp.path("confidence").asText());
    // on a cited County patrol contract the rule's answer is medium, never high
    JsonNode fenton = lookup(area("Fenton"), "2026-11-22").path("dispatch");
    assertEquals("by_rule", fenton.path("status").asText(), fenton.toString());
    assertEquals("medium", fenton.path("confidence").asText());
    // a town with its own department and no dispatch row stays unknown
    assertEquals(
        "unknown", lookup(area("Pagedale"), "2026-11-22").path("dispatch").path("status").asText());
  }

  @Test
  void berkeleyShowsOnlyItsCityHallLineNeverAsThePoliceLine() {
    JsonNode p = lookup(area("Berkeley"), "2026-11-22").path("patrol");
    assertEquals("berkeley-pd", p.path("agency").path("id").asText());
    assertTrue(p.path("non_emergency").isNull(), p.toString());
    assertEquals("city_hall", p.path("city_hall").path("kind").asText());
    assertFalse(p.path("city_hall").path("sources").isEmpty());
  }

  @Test
  void agencyDetailListsEveryContactWithSourcesAndDates() {
    JsonNode a = TestHttp.getJson(base + "/api/agencies/eureka-pd");
    JsonNode list = a.path("contacts");
    long expected = contacts.stream().filter(r -> r.get("agency_id").equals("eureka-pd")).count();
    assertEquals(expected, list.size());
    boolean ended = false;
    for (JsonNode c : list) {
      assertNotNull(c.path("kind").asText());
      assertTrue(c.path("sources").size() >= 1, c.toString());
      ended |=
          c.path("kind").asText().equals("address")
              && c.path("until").asText().equals("2025-03-01");
    }
    assertTrue(ended, "the old station address is history, not overwritten: " + list);
    assertEquals("100 City Hall Drive, Eureka, MO", a.path("address").asText());
  }

  @Test
  void jenningsDispatchIsByRuleUnderTheCountyContractThenCitedFrom2023() {
    Area j = area("Jennings");
    JsonNode rule = lookup(j, "2015-01-01").path("dispatch");
    assertEquals("by_rule", rule.path("status").asText(), rule.toString());
    assertEquals("slcpd-communications", rule.path("agency").path("id").asText());
    assertEquals("2011-03-12", rule.path("since").asText(), "the patrol contract it rests on");
    assertEquals("unknown", lookup(j, "2010-06-01").path("dispatch").path("status").asText());
    JsonNode cited = lookup(j, "2023-07-01").path("dispatch");
    assertEquals("known", cited.path("status").asText());
    assertEquals("medium", cited.path("confidence").asText());
    // the resident's number: Jennings has no department of its own, so the County line
    JsonNode call = lookup(j, "2026-11-22").path("call").path("non_emergency");
    assertEquals("slcpd", call.path("agency").path("id").asText(), call.toString());
    assertEquals(row("slcpd").get("value"), call.path("value").asText());
  }
}
