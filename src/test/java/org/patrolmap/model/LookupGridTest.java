package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.patrolmap.bench.BenchData;

/**
 * The lookup grid changes no answer: an index with its grid and one without answer {@code areaAt},
 * {@code isNear} and {@code near} the same at many thousands of random points, points beside
 * boundaries and points on them, over a county-sized tiling with holes (points outside every area),
 * an area with a hole, and two overlapping areas.
 */
class LookupGridTest {
  private static final Envelope COUNTY = new Envelope(-90.74, -90.11, 38.39, 38.89);

  @Test
  void gridAnswersAsTheExactSearchEverywhere() throws Exception {
    List<Area> areas = new ArrayList<>();
    List<Area> cells = BenchData.voronoi(110, 17, COUNTY);
    for (int i = 0; i < cells.size(); i++) {
      if (i % 9 != 4) { // leave holes: points there are outside every area
        areas.add(cells.get(i));
      }
    }
    WKTReader wkt = new WKTReader(Dataset.GEOMETRY);
    // an area with a hole, over the others (overlaps), and a small one inside its hole
    areas.add(
        area(
            "A-overlap",
            wkt.read(
                "POLYGON ((-90.50 38.60, -90.40 38.60, -90.40 38.70, -90.50 38.70, -90.50 38.60),"
                    + " (-90.47 38.63, -90.43 38.63, -90.43 38.67, -90.47 38.67, -90.47 38.63))")));
    areas.add(
        area(
            "Z-island",
            wkt.read(
                "POLYGON ((-90.46 38.64, -90.44 38.64, -90.44 38.66, -90.46 38.66, -90.46 38.64))")));
    LookupIndex grid = new LookupIndex(areas, true);
    LookupIndex exact = new LookupIndex(areas, false);

    SplittableRandom r = new SplittableRandom(42);
    List<Point> points = new ArrayList<>();
    Envelope around = new Envelope(COUNTY);
    around.expandBy(0.02);
    for (int i = 0; i < 30_000; i++) {
      points.add(
          point(
              around.getMinX() + r.nextDouble() * around.getWidth(),
              around.getMinY() + r.nextDouble() * around.getHeight()));
    }
    for (int i = 0; i < 30_000; i++) {
      Coordinate[] ring = areas.get(r.nextInt(areas.size())).geom().getCoordinates();
      Coordinate v = ring[r.nextInt(ring.length)];
      if (i % 3 == 0) {
        points.add(point(v.x, v.y)); // on a boundary vertex
      } else if (i % 3 == 1) { // on a boundary segment, as near as doubles allow
        Coordinate w = ring[(java.util.Arrays.asList(ring).indexOf(v) + 1) % ring.length];
        double t = r.nextDouble();
        points.add(point(v.x + (w.x - v.x) * t, v.y + (w.y - v.y) * t));
      } else { // within a few hundred metres of a boundary: inside 50 m of it or just beyond
        points.add(
            point(v.x + (r.nextDouble() - 0.5) * 0.004, v.y + (r.nextDouble() - 0.5) * 0.003));
      }
    }
    int answeredByGrid = 0;
    for (Point p : points) {
      Area want = exact.areaAt(p).orElse(null);
      Area got = grid.areaAt(p).orElse(null);
      assertEquals(id(want), id(got), "areaAt " + p);
      int cell = grid.deepAt(p.getX(), p.getY());
      answeredByGrid += cell == LookupIndex.EXACT ? 0 : 1;
      if (cell >= 0) {
        assertEquals(want, grid.area(cell), "deepAt " + p);
      }
      if (want != null) {
        assertEquals(
            exact.isNear(p, LookupIndex.NEAR_BOUNDARY_M, want),
            grid.isNear(p, LookupIndex.NEAR_BOUNDARY_M, want),
            "isNear " + p);
        assertEquals(
            exact.near(p, LookupIndex.NEAR_BOUNDARY_M, want.id()),
            grid.near(p, LookupIndex.NEAR_BOUNDARY_M, want.id()),
            "near " + p);
        if (cell >= 0) {
          assertTrue(exact.near(p, LookupIndex.NEAR_BOUNDARY_M, want.id()).isEmpty(), "deep " + p);
        }
      } else {
        assertEquals(LookupIndex.OUTSIDE == cell || LookupIndex.EXACT == cell, true, "" + p);
      }
    }
    // the grid must really answer most random points (else this test would test nothing)
    assertTrue(answeredByGrid > points.size() / 3, "answered by the grid: " + answeredByGrid);
    double[] shares = grid.gridShares();
    assertTrue(shares[0] > 0.01 && shares[1] > 0.5, java.util.Arrays.toString(shares));
  }

  private static String id(Area a) {
    return a == null ? null : a.id();
  }

  private static Point point(double x, double y) {
    return Dataset.GEOMETRY.createPoint(new Coordinate(x, y));
  }

  private static Area area(String id, Geometry g) {
    MultiPolygon mp = Dataset.GEOMETRY.createMultiPolygon(new Polygon[] {(Polygon) g});
    return new Area(id, id, AreaKind.MUNICIPALITY, "00000", List.of(), "test", 0, mp);
  }
}
