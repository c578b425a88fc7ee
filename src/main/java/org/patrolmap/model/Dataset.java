package org.patrolmap.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.patrolmap.geo.LonLat;

/**
 * One imported dataset held in memory: areas with their lookup index, agencies, sources, services,
 * rules and footprints. Immutable once built; a new import yields a new instance that replaces this
 * one atomically, so a request sees wholly one dataset.
 */
public final class Dataset {
  public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private final DatasetInfo info;
  private final Map<String, Area> areas;
  private final Map<String, Agency> agencies;
  private final Map<String, Source> sources;
  private final Map<String, List<Service>> servicesByArea;
  private final Map<String, List<Service>> servicesByAgency;
  private final List<Rule> rules;
  private final Map<String, List<Contact>> contactsByAgency;
  private final Map<String, Footprint> footprints;
  private final LookupIndex index;

  public Dataset(
      DatasetInfo info,
      List<Area> areas,
      List<Agency> agencies,
      List<Source> sources,
      List<Service> services,
      List<Rule> rules,
      List<Footprint> footprints) {
    this(info, areas, agencies, sources, services, rules, footprints, List.of());
  }

  /** A dataset with contact facts (phones, addresses, web sites, accreditations). */
  public Dataset(
      DatasetInfo info,
      List<Area> areas,
      List<Agency> agencies,
      List<Source> sources,
      List<Service> services,
      List<Rule> rules,
      List<Footprint> footprints,
      List<Contact> contacts) {
    this.info = info;
    this.areas = byId(areas, Area::id);
    this.agencies = byId(agencies, Agency::id);
    this.sources = byId(sources, Source::id);
    Comparator<Service> order =
        Comparator.comparing((Service s) -> s.function().id())
            .thenComparing(s -> s.validFrom() == null ? LocalDate.MIN : s.validFrom());
    this.servicesByArea =
        services.stream()
            .sorted(order)
            .collect(
                Collectors.groupingBy(
                    Service::areaId, LinkedHashMap::new, Collectors.toUnmodifiableList()));
    this.servicesByAgency =
        services.stream()
            .sorted(order)
            .collect(
                Collectors.groupingBy(
                    Service::agencyId, LinkedHashMap::new, Collectors.toUnmodifiableList()));
    this.rules = List.copyOf(rules);
    this.contactsByAgency =
        contacts.stream()
            .sorted(
                Comparator.comparing((Contact c) -> c.kind().ordinal())
                    .thenComparing(c -> c.validFrom() == null ? LocalDate.MIN : c.validFrom())
                    .thenComparing(Contact::id))
            .collect(
                Collectors.groupingBy(
                    Contact::agencyId, LinkedHashMap::new, Collectors.toUnmodifiableList()));
    this.footprints = byId(footprints, Footprint::id);
    this.index = new LookupIndex(areas);
  }

  private static <T> Map<String, T> byId(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    items.forEach(t -> m.put(id.apply(t), t));
    return java.util.Collections.unmodifiableMap(m);
  }

  public DatasetInfo info() {
    return info;
  }

  public long id() {
    return info.id();
  }

  public Map<String, Area> areas() {
    return areas;
  }

  public Map<String, Agency> agencies() {
    return agencies;
  }

  public Map<String, Source> sources() {
    return sources;
  }

  public Map<String, Footprint> footprints() {
    return footprints;
  }

  public List<Rule> rules() {
    return rules;
  }

  public LookupIndex index() {
    return index;
  }

  public static Point point(LonLat p) {
    return GEOMETRY.createPoint(new Coordinate(p.lon(), p.lat()));
  }

  public Optional<Area> areaAt(LonLat p) {
    return index.areaAt(point(p));
  }

  /** Every service of an area (all functions, all dates), ordered by function and start. */
  public List<Service> history(String areaId) {
    return servicesByArea.getOrDefault(areaId, List.of());
  }

  /** Every service an agency provides, ordered by function and start. */
  public List<Service> servicesOf(String agencyId) {
    return servicesByAgency.getOrDefault(agencyId, List.of());
  }

  /** Every contact fact of an agency (all kinds, all dates), ordered by kind and start. */
  public List<Contact> contactsOf(String agencyId) {
    return contactsByAgency.getOrDefault(agencyId, List.of());
  }

  /** Every contact fact, by agency. */
  public Map<String, List<Contact>> contacts() {
    return contactsByAgency;
  }

  /**
   * The best contact of one kind of an agency on a date: valid then, highest confidence, then the
   * one whose newest source is most recent; empty when no cited contact of that kind exists.
   */
  public Optional<Contact> bestContact(String agencyId, ContactKind kind, LocalDate date) {
    Comparator<Contact> better =
        Comparator.comparing(Contact::confidence)
            .thenComparing(c -> newestSourceDate(c.sourceIds()))
            .thenComparing(Contact::id, Comparator.reverseOrder());
    return contactsOf(agencyId).stream()
        .filter(c -> c.kind() == kind && c.validOn(date))
        .max(better);
  }

  private String newestSourceDate(List<String> ids) {
    return sourcesOf(ids).stream()
        .map(Source::date)
        .filter(d -> d != null)
        .max(String::compareTo)
        .orElse("");
  }

  /**
   * The provider of one function in one area on one date: the cited service; else the provider a
   * cited general rule gives (status by rule); else unknown with the applicable rule.
   */
  public RoleAnswer role(Area area, Function function, LocalDate date) {
    for (Service s : history(area.id())) {
      if (s.function() == function && s.validOn(date)) {
        return new RoleAnswer(
            function, s, agencies.get(s.agencyId()), sourcesOf(s.sourceIds()), null, List.of());
      }
    }
    String countyPolice = countyPolice();
    for (Rule r : rules) {
      if (r.function() == function
          && Rule.COUNTY_PATROL_CONTRACT.equals(r.appliesTo())
          && countyPolice != null) {
        for (Service s : history(area.id())) {
          if (s.function() == Function.PATROL
              && s.isContract()
              && countyPolice.equals(s.agencyId())
              && s.validOn(date)
              && agencies.containsKey(r.agencyId())) {
            return new RoleAnswer(
                function,
                null,
                agencies.get(r.agencyId()),
                List.of(),
                r,
                sourcesOf(r.sourceIds()),
                s);
          }
        }
      }
    }
    String appliesTo = "no_" + function.id() + "_provider";
    Rule rule =
        rules.stream().filter(r -> r.appliesTo().equals(appliesTo)).findFirst().orElse(null);
    return new RoleAnswer(
        function,
        null,
        null,
        List.of(),
        rule,
        rule == null ? List.of() : sourcesOf(rule.sourceIds()));
  }

  /** The County police: the agency of the unincorporated patrol rule, or null. */
  private String countyPolice() {
    return rules.stream()
        .filter(r -> "unincorporated".equals(r.appliesTo()) && r.function() == Function.PATROL)
        .map(Rule::agencyId)
        .findFirst()
        .orElse(null);
  }

  /** Contracts in force for an area on a date (patrol, dispatch, records). */
  public List<Service> contracts(Area area, LocalDate date) {
    return history(area.id()).stream().filter(s -> s.isContract() && s.validOn(date)).toList();
  }

  public List<Source> sourcesOf(List<String> ids) {
    List<Source> out = new ArrayList<>();
    for (String id : ids) {
      Source s = sources.get(id);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }
}
