package org.patrolmap.importer.derive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Derives the {@code area} rows of a dataset from the raw input layers already loaded into the
 * session's {@code raw_feature} table (EPSG:4326, repaired). The areas tile the two counties:
 *
 * <ol>
 *   <li>region = St. Louis County (29189) ∪ St. Louis city (29510), from the county layer;
 *   <li>the City = TIGER place 2965000 ∩ region; County part = region − City;
 *   <li>each incorporated place (CLASSFP C*) ∩ County part is a municipality when at least
 *       {@link #MIN_MUNI_SHARE} of the place and {@link #MIN_MUNI_M2} lie inside (this keeps Pacific,
 *       whose County part is ~11 %, and drops neighbours touched only by generalised lines);
 *   <li>unincorporated = County part − municipalities, split into connected parts. A part is a
 *       sliver of boundary generalisation when smaller than {@link #SLIVER_M2}, or smaller than
 *       {@link #THIN_M2} and thin (Polsby–Popper compactness below {@link #THIN_COMPACTNESS}).
 *       Slivers are merged into the neighbour sharing the longest boundary; a sliver with no
 *       neighbour is dropped and counted as a gap;
 *   <li>CDPs (CLASSFP U*) overlapping an unincorporated part by at least 10 % of the CDP and
 *       1 ha are that part's {@code localities}, largest overlap first.
 * </ol>
 */
public final class AreaBuilder {
  static final double MIN_MUNI_SHARE = 0.01;
  static final double MIN_MUNI_M2 = 50_000;
  public static final double SLIVER_M2 = 50_000;
  public static final double THIN_M2 = 500_000;
  public static final double THIN_COMPACTNESS = 0.05;
  public static final String COUNTY = "29189";
  public static final String CITY_COUNTY = "29510";
  static final String CITY_PLACE = "2965000";

  /** What the derivation did, for the import report. */
  public record Result(int municipalities, int unincorporatedParts, int slivers, int sliversMerged, double sliverM2,
      List<String> excludedPlaces) {}

  private AreaBuilder() {}

  public static Result build(Connection c, long ds) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(String.format(Locale.ROOT, """
          create temp table t_region on commit drop as
            select ST_Union(geom) as geom, count(*) as n from raw_feature
            where layer = 'counties' and attrs->>'GEOID' in ('%s', '%s')""", COUNTY, CITY_COUNTY));
      requireOne(c, "select n from t_region", 2, "the county layer must hold St. Louis County 29189 and St. Louis city 29510");
      st.execute(String.format(Locale.ROOT, """
          create temp table t_city on commit drop as
            select ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, r.geom), 3)) as geom
            from raw_feature p, t_region r where p.layer = 'places' and p.attrs->>'GEOID' = '%s'""", CITY_PLACE));
      requireOne(c, "select count(*) from t_city", 1, "the place layer must hold St. Louis city 2965000");
      st.execute("""
          create temp table t_county on commit drop as
            select ST_CollectionExtract(ST_Difference(r.geom, c.geom), 3) as geom from t_region r, t_city c""");
      st.execute("""
          create temp table t_muni on commit drop as
            select p.attrs->>'GEOID' as id, p.attrs->>'NAME' as name,
                   ST_CollectionExtract(ST_Intersection(p.geom, k.geom), 3) as geom,
                   ST_Area(p.geom::geography) as full_m2
            from raw_feature p, t_county k
            where p.layer = 'places' and p.attrs->>'CLASSFP' like 'C%' and p.attrs->>'GEOID' <> '2965000'
              and ST_Intersects(p.geom, k.geom)""");
    }
    List<String> excluded = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        delete from t_muni where ST_Area(geom::geography) < greatest(?, ? * full_m2)
        returning name || ' (' || id || ', ' || round(ST_Area(geom::geography)) || ' m² inside)'""")) {
      ps.setDouble(1, MIN_MUNI_M2);
      ps.setDouble(2, MIN_MUNI_SHARE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          excluded.add(rs.getString(1));
        }
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("""
          create temp table t_uninc on commit drop as
            select row_number() over (order by ST_Area(d.geom) desc, ST_XMin(d.geom)) as n, d.geom
            from t_county k, lateral ST_Dump(ST_Difference(k.geom, (select ST_Union(geom) from t_muni))) d""");
      st.execute("""
          alter table t_uninc add column area_m2 double precision, add column compactness double precision;
          update t_uninc set area_m2 = ST_Area(geom::geography),
            compactness = 4 * pi() * ST_Area(geom::geography) / greatest(ST_Perimeter(geom::geography) ^ 2, 1e-9)""");
    }
    int slivers;
    double sliverM2;
    try (PreparedStatement ps = c.prepareStatement("""
        create temp table t_sliver on commit drop as
          select n, geom, area_m2 from t_uninc where area_m2 < ? or (area_m2 < ? and compactness < ?)""")) {
      ps.setDouble(1, SLIVER_M2);
      ps.setDouble(2, THIN_M2);
      ps.setDouble(3, THIN_COMPACTNESS);
      ps.execute();
    }
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*), coalesce(sum(area_m2), 0) from t_sliver")) {
      rs.next();
      slivers = rs.getInt(1);
      sliverM2 = rs.getDouble(2);
      st.execute("delete from t_uninc where n in (select n from t_sliver)");
    }

    insertMunicipalities(c, ds);
    Map<Long, List<String>> localities = localities(c);
    insertUnincorporated(c, ds, localities, neighbours(c));
    int merged = mergeSlivers(c, ds);
    try (PreparedStatement ps = c.prepareStatement(
        "update area set area_m2 = ST_Area(geom::geography) where dataset_id = ?")) {
      ps.setLong(1, ds);
      ps.execute();
    }
    int munis = count(c, "select count(*) from area where dataset_id = ? and kind = 'municipality'", ds);
    int parts = count(c, "select count(*) from area where dataset_id = ? and kind = 'unincorporated'", ds);
    return new Result(munis, parts, slivers, merged, sliverM2, excluded);
  }

  private static void insertMunicipalities(Connection c, long ds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        insert into area (dataset_id, id, name, kind, county_geoid, localities, source, area_m2, geom)
        select ?, id, name, 'municipality', ?, '{}'::text[], 'TIGER/Line 2019 place, clipped to St. Louis County', 0, ST_Multi(geom)
        from t_muni
        union all
        select ?, ?, 'City of St. Louis', 'independent_city', ?, '{}'::text[], 'TIGER/Line 2019 place 2965000', 0, geom
        from t_city""")) {
      ps.setLong(1, ds);
      ps.setString(2, COUNTY);
      ps.setLong(3, ds);
      ps.setString(4, CITY_PLACE);
      ps.setString(5, CITY_COUNTY);
      ps.execute();
    }
  }

  private static Map<Long, List<String>> localities(Connection c) throws SQLException {
    Map<Long, List<String>> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        select u.n, p.attrs->>'NAME'
        from t_uninc u join raw_feature p
          on p.layer = 'places' and p.attrs->>'CLASSFP' like 'U%' and ST_Intersects(u.geom, p.geom)
        cross join lateral (select ST_Area(ST_Intersection(u.geom, p.geom)::geography) as ov,
                                   ST_Area(p.geom::geography) as full_m2) m
        where m.ov >= 10000 and m.ov >= 0.1 * m.full_m2
        order by u.n, m.ov desc""")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    return out;
  }

  /** For each unincorporated part, the municipality sharing its longest boundary (names parts without a CDP). */
  private static Map<Long, String> neighbours(Connection c) throws SQLException {
    Map<Long, String> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        select u.n, nb.name from t_uninc u
        cross join lateral (
          select m.name from t_muni m where ST_DWithin(u.geom, m.geom, 1e-6)
          order by ST_Length(ST_Intersection(ST_Boundary(u.geom), ST_Buffer(m.geom, 1e-6))) desc, m.id limit 1) nb""")) {
      while (rs.next()) {
        out.put(rs.getLong(1), rs.getString(2));
      }
    }
    return out;
  }

  private static void insertUnincorporated(Connection c, long ds, Map<Long, List<String>> localities,
      Map<Long, String> neighbours) throws SQLException {
    List<Long> parts = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select n from t_uninc order by n")) {
      while (rs.next()) {
        parts.add(rs.getLong(1));
      }
    }
    Set<String> used = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("""
        insert into area (dataset_id, id, name, kind, county_geoid, localities, source, area_m2, geom)
        select ?, ?, ?, 'unincorporated', ?, ?::text[], 'St. Louis County minus municipalities (derived)', 0, ST_Multi(geom)
        from t_uninc where n = ?""")) {
      for (long n : parts) {
        List<String> loc = localities.getOrDefault(n, List.of());
        String near = neighbours.get(n);
        String base = "uninc-" + (!loc.isEmpty() ? slug(loc.get(0)) : near != null ? "near-" + slug(near) : "part");
        String id = base;
        for (int k = 2; !used.add(id); k++) {
          id = base + "-" + k;
        }
        String name = loc.isEmpty()
            ? "Unincorporated St. Louis County" + (near == null ? "" : " (near " + near + ")")
            : "Unincorporated St. Louis County (" + String.join(", ", loc.subList(0, Math.min(3, loc.size()))) + ")";
        ps.setLong(1, ds);
        ps.setString(2, id);
        ps.setString(3, name);
        ps.setString(4, COUNTY);
        ps.setArray(5, c.createArrayOf("text", loc.toArray()));
        ps.setLong(6, n);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Merges each sliver into the area sharing its longest boundary; returns how many merged. */
  private static int mergeSlivers(Connection c, long ds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        with nb as (
          select distinct on (s.n) s.n, a.id, s.geom
          from t_sliver s join area a on a.dataset_id = ? and ST_DWithin(s.geom, a.geom, 1e-6)
          cross join lateral (select ST_Length(ST_Intersection(ST_Boundary(s.geom), ST_Buffer(a.geom, 1e-6))) as shared) m
          where m.shared > 0
          order by s.n, m.shared desc, a.id
        ), grouped as (
          select id, ST_Union(geom) as g, count(*) as k from nb group by id
        )
        update area a set geom = ST_Multi(ST_CollectionExtract(ST_Union(a.geom, grouped.g), 3))
        from grouped where a.dataset_id = ? and a.id = grouped.id
        returning grouped.k""")) {
      ps.setLong(1, ds);
      ps.setLong(2, ds);
      int merged = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          merged += rs.getInt(1);
        }
      }
      return merged;
    }
  }

  private static void requireOne(Connection c, String sql, int expected, String problem) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next() || rs.getInt(1) != expected) {
        throw new IllegalStateException(problem);
      }
    }
  }

  private static int count(Connection c, String sql, long ds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, ds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  static String slug(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    return s.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
