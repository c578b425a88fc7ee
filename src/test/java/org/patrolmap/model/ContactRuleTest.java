package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK_PD;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.CONTRACT_CHANGE;
import static org.patrolmap.testing.TinyDataset.COUNTY_COMMS;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TinyDataset;

/**
 * Answers decided by a cited general rule (status by rule, confidence capped) and the choice of an
 * agency's best contact on a date, on the tiny dataset.
 */
class ContactRuleTest {
  private static final Rule CONTRACT_DISPATCH = TinyDataset.COUNTY_CONTRACT_DISPATCH;

  private static Contact phone(
      String id, ContactKind kind, String value, String from, String to, Confidence c) {
    return new Contact(
        id,
        ALDERBROOK_PD,
        kind,
        value,
        from == null ? null : LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to),
        c,
        List.of("alderbrook-site"),
        null,
        null);
  }

  private final Dataset d =
      TinyDataset.build(
          List.of(CONTRACT_DISPATCH),
          List.of(
              phone(
                  "a-ne-1",
                  ContactKind.NON_EMERGENCY,
                  "(314) 555-0100",
                  null,
                  "2020-01-01",
                  Confidence.HIGH),
              phone(
                  "a-ne-2",
                  ContactKind.NON_EMERGENCY,
                  "(314) 555-0200",
                  "2020-01-01",
                  null,
                  Confidence.MEDIUM),
              phone(
                  "a-ne-3",
                  ContactKind.NON_EMERGENCY,
                  "(314) 555-0300",
                  "2020-01-01",
                  null,
                  Confidence.LOW),
              phone(
                  "a-ch-1",
                  ContactKind.CITY_HALL,
                  "(314) 555-0900 ext. 12",
                  null,
                  null,
                  Confidence.HIGH)));

  @Test
  void aCountyPatrolContractTownIsDispatchedByRuleFromTheContractDayOnly() {
    Area birchfield = d.areas().get(BIRCHFIELD);
    RoleAnswer before =
        d.role(birchfield, Function.DISPATCH, LocalDate.parse(CONTRACT_CHANGE).minusDays(1));
    RoleAnswer on = d.role(birchfield, Function.DISPATCH, LocalDate.parse(CONTRACT_CHANGE));
    assertEquals(RoleAnswer.Status.UNKNOWN, before.status());
    assertNull(before.agency());
    assertEquals(RoleAnswer.Status.BY_RULE, on.status());
    assertFalse(on.known());
    assertEquals(COUNTY_COMMS, on.agency().id());
    assertEquals("county-contract-dispatch", on.rule().id());
    assertEquals("birchfield-patrol-2", on.basis().id());
    assertTrue(on.sources().isEmpty(), "a rule is never a cited provider");
    assertTrue(
        on.confidence().compareTo(Confidence.MEDIUM) <= 0,
        "a rule's answer is never above medium: " + on.confidence());
  }

  @Test
  void aCitedRowWinsOverTheRule() {
    RoleAnswer a =
        d.role(d.areas().get(ALDERBROOK), Function.DISPATCH, LocalDate.parse("2024-01-01"));
    assertEquals(RoleAnswer.Status.KNOWN, a.status());
  }

  @Test
  void bestNonEmergencyLineIsTheValidOneWithTheHighestConfidence() {
    assertEquals(
        "a-ne-1",
        d.bestContact(ALDERBROOK_PD, ContactKind.NON_EMERGENCY, LocalDate.parse("2019-12-31"))
            .get()
            .id());
    assertEquals(
        "a-ne-2",
        d.bestContact(ALDERBROOK_PD, ContactKind.NON_EMERGENCY, LocalDate.parse("2020-01-01"))
            .get()
            .id());
    assertTrue(
        d.bestContact("riverton-pd", ContactKind.NON_EMERGENCY, LocalDate.parse("2020-01-01"))
            .isEmpty());
  }

  @Test
  void phoneValuesBecomeRfc3966TelUris() {
    Contact cityHall =
        d.contactsOf(ALDERBROOK_PD).stream()
            .filter(c -> c.kind() == ContactKind.CITY_HALL)
            .findFirst()
            .get();
    assertEquals("tel:+1-314-555-0900;ext=12", cityHall.telUri());
    assertNull(phone("x", ContactKind.ADDRESS, "1 Main St", null, null, Confidence.HIGH).telUri());
  }
}
