package org.patrolmap.importer.derive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.model.Area;
import org.patrolmap.store.DatasetRepository;

/**
 * Checks the areas of a dataset as a polygonal coverage: JTS {@link CoverageValidator} (edges that
 * do not match exactly between neighbours), {@link CoverageGapFinder} (gaps narrower than
 * {@link #GAP_WIDTH_DEG}), and in PostGIS the total overlap area and the part of the two counties
 * left uncovered (the dropped slivers).
 */
public final class CoverageCheck {
  /** Gaps narrower than this (degrees, ~11 m) are reported as gaps by the JTS gap finder. */
  static final double GAP_WIDTH_DEG = 1e-4;

  private CoverageCheck() {}

  public static Map<String, Object> run(Connection c, long ds, List<Area> areas) throws SQLException {
    Geometry[] geoms = areas.stream().map(Area::geom).toArray(Geometry[]::new);
    Geometry[] invalid = CoverageValidator.validate(geoms, GAP_WIDTH_DEG);
    long invalidCount = Arrays.stream(invalid).filter(g -> g != null).count();
    Geometry gaps = CoverageGapFinder.findGaps(geoms, GAP_WIDTH_DEG);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("areas", areas.size());
    r.put("jts_areas_with_unmatched_edges", invalidCount);
    r.put("jts_narrow_gaps", gaps == null ? 0 : gaps.getNumGeometries());
    r.put("jts_narrow_gap_area_m2", gaps == null ? 0 : Math.round(GeoMath.areaM2(gaps)));
    r.put("gap_width_deg", GAP_WIDTH_DEG);
    try (PreparedStatement ps = c.prepareStatement("""
        select
          (select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
             from area a join area b on b.dataset_id = a.dataset_id and a.id < b.id and a.geom && b.geom
             where a.dataset_id = ? and ST_Overlaps(a.geom, b.geom)),
          (select ST_Area(ST_Difference(r.geom, (select ST_Union(geom) from area where dataset_id = ?))::geography)
             from t_region r)""")) {
      ps.setLong(1, ds);
      ps.setLong(2, ds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        r.put("overlap_m2", Math.round(rs.getDouble(1) * 10) / 10.0);
        r.put("uncovered_m2", Math.round(rs.getDouble(2)));
      }
    }
    return r;
  }

  public static List<Area> readAreas(Connection c, long ds) throws SQLException {
    return DatasetRepository.areas(c, ds);
  }
}
