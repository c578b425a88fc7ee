package org.patrolmap.importer.derive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.model.Area;

/**
 * Checks the areas of a dataset as a polygonal coverage: JTS {@link CoverageValidator} (edges that
 * do not match exactly between neighbours), {@link CoverageGapFinder} (gaps narrower than {@link
 * #GAP_WIDTH_DEG}), and in PostGIS the total overlap area and the part of the two counties left
 * uncovered (the dropped slivers).
 */
public final class CoverageCheck {
  /** Gaps narrower than this (degrees, ~11 m) are reported as gaps by the JTS gap finder. */
  static final double GAP_WIDTH_DEG = 1e-4;

  private static final Sql SQL = Sql.load("derive-areas.sql");

  /** The coverage part of the import report. */
  public record Result(
      int areas,
      long jtsAreasWithUnmatchedEdges,
      int jtsNarrowGaps,
      long jtsNarrowGapAreaM2,
      double gapWidthDeg,
      double overlapM2,
      long uncoveredM2) {}

  private CoverageCheck() {}

  public static Result run(Connection c, long ds, List<Area> areas) throws SQLException {
    Geometry[] geoms = areas.stream().map(Area::geom).toArray(Geometry[]::new);
    Geometry[] invalid = CoverageValidator.validate(geoms, GAP_WIDTH_DEG);
    long invalidCount = Arrays.stream(invalid).filter(g -> g != null).count();
    Geometry gaps = CoverageGapFinder.findGaps(geoms, GAP_WIDTH_DEG);
    try (PreparedStatement ps = SQL.prepare(c, "coverage")) {
      Sql.bind(ps, ds, ds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Result(
            areas.size(),
            invalidCount,
            gaps == null ? 0 : gaps.getNumGeometries(),
            gaps == null ? 0 : Math.round(GeoMath.areaM2(gaps)),
            GAP_WIDTH_DEG,
            Math.round(rs.getDouble(1) * 10) / 10.0,
            Math.round(rs.getDouble(2)));
      }
    }
  }
}
