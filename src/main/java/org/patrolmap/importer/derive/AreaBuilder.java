package org.patrolmap.importer.derive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.patrolmap.importer.Manifest;
import org.patrolmap.model.AreaKind;

/**
 * Derives the {@code area} rows of a dataset from the raw input layers already loaded into the
 * session's {@code raw_feature} table (EPSG:4326, repaired), with the statements of {@code
 * resources/sql/derive-areas.sql} and the inputs and GEOIDs the manifest names. The areas tile the
 * two counties:
 *
 * <ol>
 *   <li>region = St. Louis County (29189) ∪ St. Louis city (29510), from the county layer;
 *   <li>the City = TIGER place 2965000 ∩ region; County part = region − City;
 *   <li>each incorporated place (CLASSFP C*) ∩ County part is a municipality when at least {@link
 *       #MIN_MUNI_SHARE} of the place and {@link #MIN_MUNI_M2} lie inside (this keeps Pacific,
 *       whose County part is ~11 %, and drops neighbours touched only by generalised lines);
 *   <li>unincorporated = County part − municipalities, split into connected parts. A part is a
 *       sliver of boundary generalisation when smaller than {@link #SLIVER_M2}, or smaller than
 *       {@link #THIN_M2} and thin (Polsby–Popper compactness below {@link #THIN_COMPACTNESS}).
 *       Slivers are merged into the neighbour sharing the longest boundary; a sliver with no
 *       neighbour is dropped and counted as a gap;
 *   <li>CDPs (CLASSFP U*) overlapping an unincorporated part by at least 10 % of the CDP and 1 ha
 *       are that part's {@code localities}, largest overlap first.
 * </ol>
 */
public final class AreaBuilder {
  static final double MIN_MUNI_SHARE = 0.01;
  static final double MIN_MUNI_M2 = 50_000;
  public static final double SLIVER_M2 = 50_000;
  public static final double THIN_M2 = 500_000;
  public static final double THIN_COMPACTNESS = 0.05;
  private static final Sql SQL = Sql.load("derive-areas.sql");

  /** What the derivation did, for the import report. */
  public record Result(
      int municipalities,
      int unincorporatedParts,
      int slivers,
      int sliversMerged,
      double sliverM2,
      List<String> excludedPlaces) {}

  private AreaBuilder() {}

  public static Result build(Connection c, long ds, Manifest.Derivation derive)
      throws SQLException {
    Manifest.Region region = derive.region();
    Manifest.Places places = derive.places();
    SQL.execute(c, "region", region.input(), region.countyGeoid(), region.cityCountyGeoid());
    if (SQL.queryLong(c, "region-count") != 2) {
      throw new IllegalStateException(
          "the county layer '"
              + region.input()
              + "' must hold St. Louis County "
              + region.countyGeoid()
              + " and St. Louis city "
              + region.cityCountyGeoid());
    }
    SQL.execute(c, "city", places.input(), places.cityPlaceGeoid());
    if (SQL.queryLong(c, "city-count") != 1) {
      throw new IllegalStateException(
          "the place layer '"
              + places.input()
              + "' must hold St. Louis city "
              + places.cityPlaceGeoid());
    }
    SQL.execute(c, "county");
    SQL.execute(c, "municipalities", places.input(), places.cityPlaceGeoid());
    List<String> excluded = new ArrayList<>();
    try (PreparedStatement ps = SQL.prepare(c, "municipalities-exclude")) {
      Sql.bind(ps, MIN_MUNI_M2, MIN_MUNI_SHARE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          excluded.add(rs.getString(1));
        }
      }
    }
    SQL.execute(c, "unincorporated");
    SQL.execute(c, "unincorporated-columns");
    SQL.execute(c, "unincorporated-measure");
    SQL.execute(c, "slivers", SLIVER_M2, THIN_M2, THIN_COMPACTNESS);
    int slivers;
    double sliverM2;
    try (PreparedStatement ps = SQL.prepare(c, "sliver-totals");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      slivers = rs.getInt(1);
      sliverM2 = rs.getDouble(2);
    }
    SQL.execute(c, "slivers-remove");

    SQL.execute(
        c,
        "insert-municipalities",
        ds,
        region.countyGeoid(),
        ds,
        places.cityPlaceGeoid(),
        region.cityCountyGeoid());
    Map<Long, List<String>> localities = localities(c, places.input());
    insertUnincorporated(c, ds, region.countyGeoid(), localities, neighbours(c));
    int merged = mergeSlivers(c, ds);
    SQL.execute(c, "area-sizes", ds);
    int munis = (int) SQL.queryLong(c, "count-kind", ds, AreaKind.MUNICIPALITY.id());
    int parts = (int) SQL.queryLong(c, "count-kind", ds, AreaKind.UNINCORPORATED.id());
    return new Result(munis, parts, slivers, merged, sliverM2, excluded);
  }

  private static Map<Long, List<String>> localities(Connection c, String placesInput)
      throws SQLException {
    Map<Long, List<String>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = SQL.prepare(c, "localities")) {
      Sql.bind(ps, placesInput);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  /**
   * For each unincorporated part, the municipality sharing its longest boundary (names parts
   * without a CDP).
   */
  private static Map<Long, String> neighbours(Connection c) throws SQLException {
    Map<Long, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = SQL.prepare(c, "neighbours");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  private static void insertUnincorporated(
      Connection c,
      long ds,
      String countyGeoid,
      Map<Long, List<String>> localities,
      Map<Long, String> neighbours)
      throws SQLException {
    List<Long> parts = new ArrayList<>();
    try (PreparedStatement ps = SQL.prepare(c, "unincorporated-parts");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        parts.add(rs.getLong(1));
      }
    }
    Set<String> used = new HashSet<>();
    try (PreparedStatement ps = SQL.prepare(c, "insert-unincorporated")) {
      for (long n : parts) {
        List<String> loc = localities.getOrDefault(n, List.of());
        String near = neighbours.get(n);
        String base =
            "uninc-"
                + (!loc.isEmpty()
                    ? slug(loc.get(0))
                    : near != null ? "near-" + slug(near) : "part");
        String id = base;
        for (int k = 2; !used.add(id); k++) {
          id = base + "-" + k;
        }
        String name =
            loc.isEmpty()
                ? "Unincorporated St. Louis County" + (near == null ? "" : " (near " + near + ")")
                : "Unincorporated St. Louis County ("
                    + String.join(", ", loc.subList(0, Math.min(3, loc.size())))
                    + ")";
        Sql.bind(ps, ds, id, name, countyGeoid, c.createArrayOf("text", loc.toArray()), n);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Merges each sliver into the area sharing its longest boundary; returns how many merged. */
  private static int mergeSlivers(Connection c, long ds) throws SQLException {
    try (PreparedStatement ps = SQL.prepare(c, "merge-slivers")) {
      Sql.bind(ps, ds, ds);
      int merged = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          merged += rs.getInt(1);
        }
      }
      return merged;
    }
  }

  static String slug(String name) {
    String s =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return s.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
