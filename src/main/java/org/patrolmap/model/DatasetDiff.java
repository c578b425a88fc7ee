package org.patrolmap.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.patrolmap.geo.GeoMath;

/**
 * The difference between two datasets, as the change feed tells it: services (who patrols,
 * dispatches, keeps records) added, ended, changed or removed; agencies added, changed or removed,
 * with changed contact details (phone, address, website) told apart; areas added, removed or
 * redrawn. Services and agencies are matched by id (ids are never reused, data/README.md); a
 * service whose id changed but whose area, function, agency and start did not is one change, not a
 * removal and an addition. Pure: no I/O, the same two datasets give the same list.
 */
public final class DatasetDiff {
  /** An area counts as redrawn when old and new boundary differ by more than this (m²). */
  public static final double REDRAWN_M2 = 1_000;

  private static final List<String> CONTACT_FIELDS = List.of("phone", "address", "website");
  private static final List<String> AGENCY_FIELDS =
      List.of("name", "kind", "accreditation", "accreditation_date", "note", "sources");

  private DatasetDiff() {}

  /**
   * Every difference from {@code before} to {@code after}, services first, then agencies, areas.
   */
  public static List<Change> between(Dataset before, Dataset after) {
    List<Change> out = new ArrayList<>();
    services(before, after, out);
    agencies(before, after, out);
    areas(before, after, out);
    return out;
  }

  // ---- services ------------------------------------------------------------------------------

  private static void services(Dataset before, Dataset after, List<Change> out) {
    Map<String, Service> old = allServices(before);
    Map<String, Service> now = allServices(after);
    Map<String, Service> removed = new LinkedHashMap<>(old);
    now.keySet().forEach(removed::remove);
    Map<String, Service> added = new LinkedHashMap<>(now);
    old.keySet().forEach(added::remove);
    // A renumbered row (same area, function, agency and start) is a change of id, not a new fact.
    Map<String, Service> removedByKey = new LinkedHashMap<>();
    removed.values().forEach(s -> removedByKey.putIfAbsent(identity(s), s));
    for (Service s : List.copyOf(added.values())) {
      Service was = removedByKey.remove(identity(s));
      if (was != null) {
        added.remove(s.id());
        removed.remove(was.id());
        compareService(before, after, was, s, out);
      }
    }
    for (Service s : now.values()) {
      Service was = old.get(s.id());
      if (was != null) {
        compareService(before, after, was, s, out);
      } else if (added.containsKey(s.id())) {
        out.add(
            service(
                after,
                s,
                "added",
                s.validFrom(),
                title(after, s, "now recorded") + period(s),
                Map.of("after", serviceFields(s)),
                List.of()));
      }
    }
    for (Service s : removed.values()) {
      out.add(
          service(
              before,
              s,
              "removed",
              null,
              title(before, s, "no longer recorded"),
              Map.of("before", serviceFields(s)),
              List.of()));
    }
  }

  private static String identity(Service s) {
    return s.areaId() + "|" + s.function() + "|" + s.agencyId() + "|" + s.validFrom();
  }

  private static void compareService(
      Dataset before, Dataset after, Service was, Service s, List<Change> out) {
    Map<String, Object> a = serviceFields(was);
    Map<String, Object> b = serviceFields(s);
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String k : b.keySet()) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        fields.put(k, beforeAfter(a.get(k), b.get(k)));
      }
    }
    if (fields.isEmpty()) {
      return;
    }
    boolean ended = was.validTo() == null && s.validTo() != null && fields.size() <= 3;
    ended =
        ended
            && fields.keySet().stream()
                .allMatch(k -> k.equals("until") || k.equals("note") || k.equals("sources"));
    if (ended) {
      out.add(
          service(
              after,
              s,
              "ended",
              s.validTo(),
              title(after, s, "ended")
                  + " on "
                  + s.validTo()
                  + " (last day "
                  + s.validTo().minusDays(1)
                  + ")",
              Map.of("fields", fields),
              List.of(was.agencyId())));
      return;
    }
    LocalDate effective =
        fields.containsKey("until")
            ? s.validTo()
            : fields.containsKey("since") ? s.validFrom() : null;
    out.add(
        service(
            after,
            s,
            "changed",
            effective,
            title(after, s, "changed") + ": " + String.join(", ", fields.keySet()),
            Map.of("fields", fields),
            List.of(was.agencyId())));
  }

  private static Map<String, Service> allServices(Dataset d) {
    Map<String, Service> m = new LinkedHashMap<>();
    for (String areaId : d.areas().keySet()) {
      d.history(areaId).forEach(s -> m.put(s.id(), s));
    }
    return m;
  }

  private static Map<String, Object> serviceFields(Service s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("agency", s.agencyId());
    m.put("arrangement", s.arrangement().id());
    m.put("since", s.validFrom() == null ? null : s.validFrom().toString());
    m.put("until", s.validTo() == null ? null : s.validTo().toString());
    m.put("confidence", s.confidence().id());
    m.put("origin", s.origin());
    m.put("sources", s.sourceIds().stream().sorted().toList()); // order is not a change
    m.put("note", s.note());
    return m;
  }

  private static String title(Dataset d, Service s, String what) {
    Area a = d.areas().get(s.areaId());
    Agency g = d.agencies().get(s.agencyId());
    return capital(s.function().id())
        + " of "
        + (a == null ? s.areaId() : a.name())
        + " by "
        + (g == null ? s.agencyId() : g.name())
        + " ("
        + s.arrangement().id().replace('_', ' ')
        + ") "
        + what;
  }

  private static String period(Service s) {
    if (s.validFrom() == null && s.validTo() == null) {
      return "";
    }
    return (s.validFrom() == null ? "" : " from " + s.validFrom())
        + (s.validTo() == null ? "" : " until " + s.validTo().minusDays(1));
  }

  private static Change service(
      Dataset d,
      Service s,
      String kind,
      LocalDate effective,
      String title,
      Map<String, Object> details,
      List<String> otherAgencies) {
    Area a = d.areas().get(s.areaId());
    LinkedHashSet<String> agencies = new LinkedHashSet<>(otherAgencies);
    agencies.add(s.agencyId());
    return new Change(
        0,
        0,
        0,
        null,
        "service",
        kind,
        s.id(),
        s.areaId(),
        a == null ? null : a.name(),
        List.copyOf(agencies),
        s.function().id(),
        effective,
        title,
        details,
        d.sourcesOf(s.sourceIds()));
  }

  // ---- agencies and their contact details ----------------------------------------------------

  private static void agencies(Dataset before, Dataset after, List<Change> out) {
    for (Agency g : after.agencies().values()) {
      Agency was = before.agencies().get(g.id());
      if (was == null) {
        out.add(agency(after, g, "agency", "added", g.name() + " now recorded", Map.of()));
        continue;
      }
      Map<String, Object> a = agencyFields(was);
      Map<String, Object> b = agencyFields(g);
      Map<String, Object> contact = differing(a, b, CONTACT_FIELDS);
      Map<String, Object> other = differing(a, b, AGENCY_FIELDS);
      if (!contact.isEmpty()) {
        out.add(
            agency(
                after,
                g,
                "contact",
                "changed",
                "Contact of " + g.name() + " changed: " + String.join(", ", contact.keySet()),
                Map.of("fields", contact)));
      }
      if (!other.isEmpty()) {
        out.add(
            agency(
                after,
                g,
                "agency",
                "changed",
                g.name() + " changed: " + String.join(", ", other.keySet()),
                Map.of("fields", other)));
      }
    }
    for (Agency was : before.agencies().values()) {
      if (!after.agencies().containsKey(was.id())) {
        out.add(
            agency(before, was, "agency", "removed", was.name() + " no longer recorded", Map.of()));
      }
    }
  }

  private static Map<String, Object> agencyFields(Agency g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", g.name());
    m.put("kind", g.kind());
    m.put("phone", g.phone());
    m.put("address", g.address());
    m.put("website", g.website());
    m.put("accreditation", g.accreditation());
    m.put("accreditation_date", g.accreditationDate());
    m.put("note", g.note());
    m.put("sources", g.sourceIds().stream().sorted().toList());
    return m;
  }

  private static Map<String, Object> differing(
      Map<String, Object> a, Map<String, Object> b, List<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) {
      if (!Objects.equals(a.get(k), b.get(k))) {
        m.put(k, beforeAfter(a.get(k), b.get(k)));
      }
    }
    return m;
  }

  private static Change agency(
      Dataset d, Agency g, String subject, String kind, String title, Map<String, Object> details) {
    return new Change(
        0,
        0,
        0,
        null,
        subject,
        kind,
        g.id(),
        null,
        null,
        List.of(g.id()),
        null,
        null,
        title,
        details,
        d.sourcesOf(g.sourceIds()));
  }

  // ---- areas ---------------------------------------------------------------------------------

  private static void areas(Dataset before, Dataset after, List<Change> out) {
    for (Area a : after.areas().values()) {
      Area was = before.areas().get(a.id());
      if (was == null) {
        out.add(
            area(
                a,
                "added",
                a.name() + " (" + a.kind().id().replace('_', ' ') + ") now an area",
                Map.of()));
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      if (!a.name().equals(was.name())) {
        fields.put("name", beforeAfter(was.name(), a.name()));
      }
      if (a.kind() != was.kind()) {
        fields.put("kind", beforeAfter(was.kind().id(), a.kind().id()));
      }
      double moved = movedM2(was.geom(), a.geom());
      if (moved > REDRAWN_M2) {
        fields.put("area_km2", beforeAfter(km2(was.areaM2()), km2(a.areaM2())));
        fields.put("boundary_moved_km2", km2(moved));
        out.add(
            area(
                a,
                "redrawn",
                a.name() + " redrawn: " + km2(moved) + " km² changed sides",
                Map.of("fields", fields)));
      } else if (!fields.isEmpty()) {
        out.add(
            area(
                a,
                "changed",
                a.name() + " changed: " + String.join(", ", fields.keySet()),
                Map.of("fields", fields)));
      }
    }
    for (Area was : before.areas().values()) {
      if (!after.areas().containsKey(was.id())) {
        out.add(area(was, "removed", was.name() + " is no longer an area", Map.of()));
      }
    }
  }

  /** The area of the symmetric difference of two boundaries, in m² (0 when identical). */
  static double movedM2(Geometry a, Geometry b) {
    if (a.equalsExact(b)) {
      return 0;
    }
    try {
      return GeoMath.areaM2(OverlayNGRobust.overlay(a, b, OverlayNG.SYMDIFFERENCE));
    } catch (RuntimeException e) { // a boundary JTS cannot overlay: compare sizes only
      return Math.abs(GeoMath.areaM2(a) - GeoMath.areaM2(b));
    }
  }

  private static double km2(double m2) {
    return Math.round(m2 / 1e4) / 100.0;
  }

  private static Change area(Area a, String kind, String title, Map<String, Object> details) {
    return new Change(
        0, 0, 0, null, "area", kind, a.id(), a.id(), a.name(), List.of(), null, null, title,
        details, List.of());
  }

  // ---- shared --------------------------------------------------------------------------------

  private static Map<String, Object> beforeAfter(Object before, Object after) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("before", before);
    m.put("after", after);
    return m;
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
