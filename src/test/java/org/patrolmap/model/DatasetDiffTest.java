package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TinyDataset;

/** What the change feed says between two versions of the tiny dataset. */
class DatasetDiffTest {
  private static final Dataset BEFORE = TinyDataset.build();

  @Test
  void identicalDatasetsHaveNoChanges() {
    assertEquals(List.of(), DatasetDiff.between(BEFORE, TinyDataset.build()));
  }

  @Test
  void endedServiceIsEndedOnItsExclusiveEndWithItsSources() {
    Dataset after =
        with(
            services(
                s ->
                    s.id().equals("alderbrook-dispatch-1")
                        ? copy(
                            s,
                            s.agencyId(),
                            s.validFrom(),
                            LocalDate.of(2024, 1, 1),
                            s.confidence())
                        : s),
            BEFORE.agencies().values().stream().toList(),
            BEFORE.areas().values().stream().toList());
    List<Change> changes = DatasetDiff.between(BEFORE, after);
    assertEquals(1, changes.size(), changes::toString);
    Change c = changes.get(0);
    assertEquals("service", c.subject());
    assertEquals("ended", c.kind());
    assertEquals("alderbrook-dispatch-1", c.subjectId());
    assertEquals(TinyDataset.ALDERBROOK, c.areaId());
    assertEquals("dispatch", c.function());
    assertEquals(LocalDate.of(2024, 1, 1), c.effective());
    assertEquals(List.of(TinyDataset.COUNTY_COMMS), c.agencyIds());
    assertEquals("county-comms-contracts", c.sources().get(0).id());
    assertTrue(c.title().contains("last day 2023-12-31"), c.title());
  }

  @Test
  void addedRemovedAndChangedServicesAreToldApart() {
    List<Service> services = services(UnaryOperator.identity());
    services.removeIf(s -> s.id().equals("riverton-dispatch-1"));
    services.replaceAll(
        s ->
            s.id().equals("dunmore-patrol-1")
                ? copy(s, s.agencyId(), s.validFrom(), s.validTo(), Confidence.HIGH)
                : s);
    services.add(
        new Service(
            "birchfield-dispatch-1",
            TinyDataset.BIRCHFIELD,
            Function.DISPATCH,
            TinyDataset.COUNTY_COMMS,
            Arrangement.CONTRACT,
            LocalDate.of(2024, 2, 1),
            null,
            Confidence.MEDIUM,
            "From a correction",
            "fact",
            List.of("county-minutes-2020")));
    Dataset after =
        with(
            services,
            BEFORE.agencies().values().stream().toList(),
            BEFORE.areas().values().stream().toList());
    Map<String, Change> byId = byId(DatasetDiff.between(BEFORE, after));
    assertEquals(3, byId.size(), byId::toString);
    assertEquals("added", byId.get("birchfield-dispatch-1").kind());
    assertEquals(LocalDate.of(2024, 2, 1), byId.get("birchfield-dispatch-1").effective());
    assertEquals("removed", byId.get("riverton-dispatch-1").kind());
    Change changed = byId.get("dunmore-patrol-1");
    assertEquals("changed", changed.kind());
    assertEquals(
        Map.of("confidence", java.util.Map.of("before", "medium", "after", "high")),
        changed.details().get("fields"));
  }

  @Test
  void aRenumberedRowIsOneChangeNotARemovalAndAnAddition() {
    List<Service> services = services(UnaryOperator.identity());
    services.replaceAll(
        s ->
            s.id().equals("riverton-patrol-1")
                ? new Service(
                    "riverton-patrol-2",
                    s.areaId(),
                    s.function(),
                    s.agencyId(),
                    s.arrangement(),
                    s.validFrom(),
                    s.validTo(),
                    s.confidence(),
                    s.note(),
                    s.origin(),
                    s.sourceIds())
                : s);
    Dataset after =
        with(
            services,
            BEFORE.agencies().values().stream().toList(),
            BEFORE.areas().values().stream().toList());
    List<Change> changes = DatasetDiff.between(BEFORE, after);
    assertEquals(1, changes.size(), changes::toString);
    assertEquals("changed", changes.get(0).kind());
    assertTrue(((Map<?, ?>) changes.get(0).details().get("fields")).containsKey("id"));
  }

  @Test
  void contactChangesAreContactsAndRedrawnAreasAreMeasured() {
    List<Agency> agencies = new ArrayList<>(BEFORE.agencies().values());
    agencies.replaceAll(
        a ->
            a.id().equals(TinyDataset.ALDERBROOK_PD)
                ? new Agency(
                    a.id(),
                    a.name(),
                    a.kind(),
                    "314-555-0199",
                    a.address(),
                    a.website(),
                    a.accreditation(),
                    a.accreditationDate(),
                    a.note(),
                    a.sourceIds())
                : a);
    List<Area> areas = new ArrayList<>(BEFORE.areas().values());
    // Dunmore's west edge moves 0.002° (about 174 m) east over its 0.02° height: about 0.39 km².
    areas.replaceAll(
        a ->
            a.id().equals(TinyDataset.DUNMORE)
                ? new Area(
                    a.id(),
                    a.name(),
                    a.kind(),
                    a.countyGeoid(),
                    a.localities(),
                    a.source(),
                    a.areaM2(),
                    TinyDataset.wkt(
                        "POLYGON ((-90.278 38.70, -90.26 38.70, -90.26 38.72, -90.278 38.72, -90.278 38.70))"))
                : a);
    Dataset after = with(services(UnaryOperator.identity()), agencies, areas);
    Map<String, Change> byId = byId(DatasetDiff.between(BEFORE, after));
    Change contact = byId.get(TinyDataset.ALDERBROOK_PD);
    assertEquals("contact", contact.subject());
    assertEquals("changed", contact.kind());
    assertEquals(
        Map.of("phone", Map.of("before", "314-555-0101", "after", "314-555-0199")),
        contact.details().get("fields"));
    Change redrawn = byId.get(TinyDataset.DUNMORE);
    assertEquals("redrawn", redrawn.kind());
    double moved = (double) ((Map<?, ?>) redrawn.details().get("fields")).get("boundary_moved_km2");
    assertEquals(0.39, moved, 0.02);
  }

  private static Map<String, Change> byId(List<Change> changes) {
    Map<String, Change> m = new java.util.LinkedHashMap<>();
    changes.forEach(c -> m.put(c.subjectId(), c));
    return m;
  }

  private static List<Service> services(UnaryOperator<Service> edit) {
    List<Service> out = new ArrayList<>();
    BEFORE.areas().keySet().forEach(id -> BEFORE.history(id).forEach(s -> out.add(edit.apply(s))));
    return out;
  }

  private static Service copy(
      Service s, String agency, LocalDate from, LocalDate to, Confidence confidence) {
    return new Service(
        s.id(),
        s.areaId(),
        s.function(),
        agency,
        s.arrangement(),
        from,
        to,
        confidence,
        s.note(),
        s.origin(),
        s.sourceIds());
  }

  private static Dataset with(List<Service> services, List<Agency> agencies, List<Area> areas) {
    return new Dataset(
        new DatasetInfo(43, null, Map.of()),
        areas,
        agencies,
        BEFORE.sources().values().stream().toList(),
        services,
        BEFORE.rules(),
        BEFORE.footprints().values().stream().toList());
  }
}
