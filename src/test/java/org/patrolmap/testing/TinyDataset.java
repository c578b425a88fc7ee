package org.patrolmap.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Confidence;
import org.patrolmap.model.Contact;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.DatasetInfo;
import org.patrolmap.model.Footprint;
import org.patrolmap.model.Function;
import org.patrolmap.model.NoDatasetException;
import org.patrolmap.model.Rule;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/**
 * A small hand-made dataset, written as WKT literals, for tests that need no PostGIS. Made-up
 * places on real St. Louis lon/lat (EPSG:4326), tiling the box -90.32..-90.24 × 38.70..38.72; each
 * cell below is 0.02° of longitude (about 1.74 km) wide:
 *
 * <pre>
 *  38.72 +------------------------------+---------+---------+
 *        | Cedar Hollow (unincorporated)|         |         |
 *  38.71 +--------------+---------------+ Dunmore | Riverton|
 *        | Alderbrook   | Birchfield    |         | (City)  |
 *  38.70 +--------------+---------------+---------+---------+
 *     -90.32         -90.30          -90.28    -90.26    -90.24
 * </pre>
 *
 * What each area and fact exercises:
 *
 * <ul>
 *   <li><b>Alderbrook</b> ({@value #ALDERBROOK}, municipality): own department patrol with no start
 *       date (validFrom null = known since ever); dispatch by contract with the County's
 *       communications centre from {@value #DISPATCH_CONTRACT_START} (a contract that starts).
 *       Shares its east edge (lon -90.30) with Birchfield: a point on the edge resolves to the
 *       smaller id, a point 10 m west lists Birchfield in {@code near_boundary}.
 *   <li><b>Birchfield</b> ({@value #BIRCHFIELD}, municipality): patrol contract that changes hands
 *       on {@value #CONTRACT_CHANGE} — Alderbrook PD before (validTo exclusive), County police from
 *       that day. Dispatch is unknown: answers carry the {@code no_dispatch_provider} rule.
 *   <li><b>Cedar Hollow</b> ({@value #CEDAR_HOLLOW}, unincorporated): patrol and dispatch come from
 *       the two {@code unincorporated} rules ({@code county_default}), materialized as services
 *       with origin {@code rule} the way the importer does it.
 *   <li><b>Dunmore</b> ({@value #DUNMORE}, municipality): patrolled by a cooperative from {@value
 *       #COOPERATIVE_START}; before that date patrol is unknown and carries the {@code
 *       no_patrol_provider} rule. Dispatch by contract (no start date).
 *   <li><b>Riverton</b> ({@value #RIVERTON}, the independent city, county 29510): its own police
 *       department patrols and dispatches.
 *   <li>Records: no service and no {@code no_records_provider} rule anywhere, so a records answer
 *       is unknown without a rule.
 *   <li><b>Footprint</b> {@value #FOOTPRINT_ID}: 60 % of Alderbrook's area, 80 % of Birchfield's, a
 *       strip of Cedar Hollow and a sliver of Dunmore (below the 5 % municipality share); it misses
 *       Riverton.
 * </ul>
 *
 * Area sizes are computed from the WKT with {@link GeoMath#areaM2}, as the importer's spherical
 * area would be; nothing here is a copied output. Also a {@link CurrentDataset} serving this one
 * dataset ({@code reload()} does nothing); {@link #none()} serves no dataset.
 */
public final class TinyDataset implements CurrentDataset {
  public static final long ID = 42;
  public static final Instant IMPORTED_AT = Instant.parse("2024-04-30T12:00:00Z");

  public static final String ALDERBROOK = "2999001";
  public static final String BIRCHFIELD = "2999002";
  public static final String DUNMORE = "2999004";
  public static final String RIVERTON = "2999005";
  public static final String CEDAR_HOLLOW = "uninc-cedar-hollow";

  public static final String ALDERBROOK_PD = "alderbrook-pd";
  public static final String COUNTY_PD = "tiny-county-pd";
  public static final String COUNTY_COMMS = "tiny-county-comms";
  public static final String COOPERATIVE = "dunmore-coop-pd";
  public static final String RIVERTON_PD = "riverton-pd";

  /** The day Birchfield's patrol contract passes from Alderbrook PD to County police. */
  public static final String CONTRACT_CHANGE = "2020-07-01";

  /** The day the cooperative starts patrolling Dunmore. */
  public static final String COOPERATIVE_START = "2012-01-01";

  /** The day Alderbrook's dispatch contract starts. */
  public static final String DISPATCH_CONTRACT_START = "2015-01-01";

  public static final String FOOTPRINT_ID = "tiny-school-district";

  public static final String ALDERBROOK_WKT =
      "MULTIPOLYGON(((-90.32 38.70, -90.30 38.70, -90.30 38.71, -90.32 38.71, -90.32 38.70)))";
  public static final String BIRCHFIELD_WKT =
      "MULTIPOLYGON(((-90.30 38.70, -90.28 38.70, -90.28 38.71, -90.30 38.71, -90.30 38.70)))";
  public static final String CEDAR_HOLLOW_WKT =
      "MULTIPOLYGON(((-90.32 38.71, -90.28 38.71, -90.28 38.72, -90.32 38.72, -90.32 38.71)))";
  public static final String DUNMORE_WKT =
      "MULTIPOLYGON(((-90.28 38.70, -90.26 38.70, -90.26 38.72, -90.28 38.72, -90.28 38.70)))";
  public static final String RIVERTON_WKT =
      "MULTIPOLYGON(((-90.26 38.70, -90.24 38.70, -90.24 38.72, -90.26 38.72, -90.26 38.70)))";
  public static final String FOOTPRINT_WKT =
      "POLYGON((-90.315 38.702, -90.2795 38.702, -90.2795 38.7105, -90.315 38.7105, -90.315 38.702))";

  private static final String COUNTY = "29189";
  private static final String CITY = "29510";

  private final Dataset dataset = build();

  @Override
  public Dataset current() {
    return dataset;
  }

  @Override
  public boolean hasDataset() {
    return true;
  }

  /** The dataset is fixed: nothing to reload. */
  @Override
  public void reload() {}

  /**
   * A {@link CurrentDataset} before any import: {@code current()} throws {@link
   * NoDatasetException}.
   */
  public static CurrentDataset none() {
    return new CurrentDataset() {
      @Override
      public Dataset current() {
        throw new NoDatasetException("no dataset has been imported yet (test)");
      }

      @Override
      public boolean hasDataset() {
        return false;
      }

      @Override
      public void reload() {}
    };
  }

  /** Parses a WKT literal into a geometry of SRID 4326, as the dataset's own. */
  public static Geometry wkt(String text) {
    try {
      return new WKTReader(Dataset.GEOMETRY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad WKT literal: " + text, e);
    }
  }

  /**
   * A cited general rule for {@link #build(List, List)}: a County patrol contract town is
   * dispatched by County communications (Birchfield from {@link #CONTRACT_CHANGE}).
   */
  public static final Rule COUNTY_CONTRACT_DISPATCH =
      new Rule(
          "county-contract-dispatch",
          Rule.COUNTY_PATROL_CONTRACT,
          Function.DISPATCH,
          COUNTY_COMMS,
          Arrangement.CONTRACT,
          Confidence.HIGH,
          "County patrol contracts include County dispatch.",
          List.of("county-ordinance"));

  /** Builds a fresh dataset from the literals. */
  public static Dataset build() {
    return build(List.of(), List.of());
  }

  /**
   * The tiny dataset with extra rules (e.g. a {@code county_patrol_contract} rule) and contact
   * facts added; {@link #build()} has neither.
   */
  public static Dataset build(List<Rule> extraRules, List<Contact> contacts) {
    List<Area> areas =
        List.of(
            area(
                ALDERBROOK, "Alderbrook", AreaKind.MUNICIPALITY, COUNTY, List.of(), ALDERBROOK_WKT),
            area(
                BIRCHFIELD, "Birchfield", AreaKind.MUNICIPALITY, COUNTY, List.of(), BIRCHFIELD_WKT),
            area(
                CEDAR_HOLLOW,
                "Unincorporated St. Louis County (Cedar Hollow)",
                AreaKind.UNINCORPORATED,
                COUNTY,
                List.of("Cedar Hollow"),
                CEDAR_HOLLOW_WKT),
            area(DUNMORE, "Dunmore", AreaKind.MUNICIPALITY, COUNTY, List.of(), DUNMORE_WKT),
            area(RIVERTON, "Riverton", AreaKind.INDEPENDENT_CITY, CITY, List.of(), RIVERTON_WKT));

    List<Source> sources =
        List.of(
            new Source(
                "alderbrook-site",
                "Police Department",
                "City of Alderbrook",
                "https://alderbrook.example/police",
                null,
                "Undated city web page."),
            new Source(
                "county-minutes-2020",
                "Board minutes: Birchfield patrol contract",
                "Tiny County Police Board",
                "https://county.example/minutes/2020-06-10",
                "2020-06-10",
                null),
            new Source(
                "alderbrook-birchfield-2016",
                "Birchfield contracts Alderbrook for patrol",
                "Tiny Gazette",
                "https://gazette.example/2016/birchfield",
                "2016-03",
                null),
            new Source(
                "dunmore-coop-agreement",
                "Dunmore cooperative agreement",
                "Village of Dunmore",
                "https://dunmore.example/coop.pdf",
                "2011",
                null),
            new Source(
                "county-comms-contracts",
                "Dispatch contracts",
                "Tiny County Police Communications",
                "https://county.example/comms",
                "2015-01",
                null),
            new Source(
                "county-ordinance",
                "County ordinance on police services",
                "Tiny County",
                "https://county.example/ordinance",
                "2010",
                null),
            new Source(
                "riverton-charter",
                "City charter: police",
                "City of Riverton",
                "https://riverton.example/charter",
                null,
                null));

    List<Agency> agencies =
        List.of(
            new Agency(
                ALDERBROOK_PD,
                "Alderbrook Police Department",
                "police_department",
                "314-555-0101",
                null,
                "https://alderbrook.example/police",
                null,
                null,
                null,
                List.of("alderbrook-site")),
            new Agency(
                COUNTY_PD,
                "Tiny County Police Department",
                "county_police",
                "314-555-0102",
                null,
                null,
                null,
                null,
                null,
                List.of("county-ordinance")),
            new Agency(
                COUNTY_COMMS,
                "Tiny County Police Communications",
                "dispatch_center",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("county-comms-contracts")),
            new Agency(
                COOPERATIVE,
                "Dunmore Area Police Cooperative",
                "cooperative",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("dunmore-coop-agreement")),
            new Agency(
                RIVERTON_PD,
                "Riverton Metropolitan Police Department",
                "city_police",
                "314-555-0105",
                null,
                null,
                null,
                null,
                null,
                List.of("riverton-charter")));

    Rule uncPatrol =
        new Rule(
            "unincorporated-patrol",
            "unincorporated",
            Function.PATROL,
            COUNTY_PD,
            Arrangement.COUNTY_DEFAULT,
            Confidence.HIGH,
            "County police patrol the unincorporated county.",
            List.of("county-ordinance"));
    Rule uncDispatch =
        new Rule(
            "unincorporated-dispatch",
            "unincorporated",
            Function.DISPATCH,
            COUNTY_COMMS,
            Arrangement.COUNTY_DEFAULT,
            Confidence.HIGH,
            "County communications dispatch the unincorporated county.",
            List.of("county-ordinance"));
    Rule noPatrol =
        new Rule(
            "no-patrol-fallback",
            "no_patrol_provider",
            Function.PATROL,
            null,
            null,
            Confidence.HIGH,
            "County police answer 911 where no patrol provider is recorded.",
            List.of("county-ordinance"));
    Rule noDispatch =
        new Rule(
            "no-dispatch-fallback",
            "no_dispatch_provider",
            Function.DISPATCH,
            null,
            null,
            Confidence.MEDIUM,
            "County communications take 911 calls where no dispatch centre is recorded.",
            List.of("county-ordinance"));
    List<Rule> rules = List.of(uncPatrol, uncDispatch, noPatrol, noDispatch);

    LocalDate change = LocalDate.parse(CONTRACT_CHANGE);
    List<Service> services =
        List.of(
            fact(
                "alderbrook-patrol-1",
                ALDERBROOK,
                Function.PATROL,
                ALDERBROOK_PD,
                Arrangement.OWN_DEPARTMENT,
                null,
                null,
                Confidence.HIGH,
                "alderbrook-site"),
            fact(
                "alderbrook-dispatch-1",
                ALDERBROOK,
                Function.DISPATCH,
                COUNTY_COMMS,
                Arrangement.CONTRACT,
                LocalDate.parse(DISPATCH_CONTRACT_START),
                null,
                Confidence.MEDIUM,
                "county-comms-contracts"),
            fact(
                "birchfield-patrol-1",
                BIRCHFIELD,
                Function.PATROL,
                ALDERBROOK_PD,
                Arrangement.CONTRACT,
                LocalDate.of(2016, 3, 1),
                change,
                Confidence.HIGH,
                "alderbrook-birchfield-2016"),
            fact(
                "birchfield-patrol-2",
                BIRCHFIELD,
                Function.PATROL,
                COUNTY_PD,
                Arrangement.CONTRACT,
                change,
                null,
                Confidence.HIGH,
                "county-minutes-2020"),
            fact(
                "dunmore-patrol-1",
                DUNMORE,
                Function.PATROL,
                COOPERATIVE,
                Arrangement.COOPERATIVE,
                LocalDate.parse(COOPERATIVE_START),
                null,
                Confidence.MEDIUM,
                "dunmore-coop-agreement"),
            fact(
                "dunmore-dispatch-1",
                DUNMORE,
                Function.DISPATCH,
                COUNTY_COMMS,
                Arrangement.CONTRACT,
                null,
                null,
                Confidence.LOW,
                "county-comms-contracts"),
            fact(
                "riverton-patrol-1",
                RIVERTON,
                Function.PATROL,
                RIVERTON_PD,
                Arrangement.OWN_DEPARTMENT,
                null,
                null,
                Confidence.HIGH,
                "riverton-charter"),
            fact(
                "riverton-dispatch-1",
                RIVERTON,
                Function.DISPATCH,
                RIVERTON_PD,
                Arrangement.OWN_DEPARTMENT,
                null,
                null,
                Confidence.HIGH,
                "riverton-charter"),
            fromRule(uncPatrol, CEDAR_HOLLOW),
            fromRule(uncDispatch, CEDAR_HOLLOW));

    Geometry fp = wkt(FOOTPRINT_WKT);
    List<Footprint> footprints =
        List.of(
            new Footprint(
                FOOTPRINT_ID,
                "Tiny School District",
                "A made-up district across Alderbrook and Birchfield",
                "hand-drawn test polygon",
                GeoMath.areaM2(fp),
                fp));

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("areas", (long) areas.size());
    counts.put("agencies", (long) agencies.size());
    counts.put("sources", (long) sources.size());
    counts.put("services", (long) services.size());
    counts.put("footprints", (long) footprints.size());
    List<Rule> allRules = new ArrayList<>(rules);
    allRules.addAll(extraRules);
    return new Dataset(
        new DatasetInfo(ID, IMPORTED_AT, counts),
        areas,
        agencies,
        sources,
        services,
        allRules,
        footprints,
        contacts);
  }

  private static Area area(
      String id, String name, AreaKind kind, String county, List<String> localities, String wkt) {
    Geometry g = wkt(wkt);
    return new Area(
        id, name, kind, county, localities, "hand-drawn test polygon", GeoMath.areaM2(g), g);
  }

  private static Service fact(
      String id,
      String areaId,
      Function f,
      String agencyId,
      Arrangement arrangement,
      LocalDate from,
      LocalDate to,
      Confidence confidence,
      String sourceId) {
    return new Service(
        id,
        areaId,
        f,
        agencyId,
        arrangement,
        from,
        to,
        confidence,
        null,
        "fact",
        List.of(sourceId));
  }

  /**
   * A service an {@code unincorporated} rule gives an area, named and marked as the importer does.
   */
  private static Service fromRule(Rule r, String areaId) {
    return new Service(
        areaId + "-" + r.function() + "-rule",
        areaId,
        r.function(),
        r.agencyId(),
        r.arrangement(),
        null,
        null,
        r.confidence(),
        r.note(),
        "rule",
        r.sourceIds());
  }
}
