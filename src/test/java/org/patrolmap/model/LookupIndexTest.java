package org.patrolmap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.patrolmap.bench.BenchData;
import org.patrolmap.geo.GeoMath;

/** The lookup index answers as an exhaustive search over every area would. */
class LookupIndexTest {
  private static final double MAX_M = 50;

  @Test
  void nearFindsExactlyTheAreasAnExhaustiveSearchFindsBesideBoundaries() {
    List<Area> areas = BenchData.voronoi(400, 5);
    LookupIndex index = new LookupIndex(areas);
    SplittableRandom r = new SplittableRandom(3);
    int withNeighbours = 0;
    for (int i = 0; i < 3000; i++) {
      Coordinate[] ring = areas.get(r.nextInt(areas.size())).geom().getCoordinates();
      Coordinate v = ring[r.nextInt(ring.length)];
      // within a few hundred metres of a boundary vertex: some areas inside 50 m, some just beyond
      Point p =
          Dataset.GEOMETRY.createPoint(
              new Coordinate(
                  v.x + (r.nextDouble() - 0.5) * 0.006, v.y + (r.nextDouble() - 0.5) * 0.004));
      Area at = index.areaAt(p).orElse(null);
      if (at == null) {
        continue;
      }
      List<LookupIndex.Nearby> expected = exhaustive(areas, p, at.id());
      List<LookupIndex.Nearby> actual = index.near(p, MAX_M, at.id());
      assertEquals(expected, actual, "near " + p);
      assertEquals(!expected.isEmpty(), index.isNear(p, MAX_M, at), "isNear " + p);
      withNeighbours += actual.isEmpty() ? 0 : 1;
    }
    assertTrue(withNeighbours > 300, "points with neighbours: " + withNeighbours);
  }

  private static List<LookupIndex.Nearby> exhaustive(List<Area> areas, Point p, String except) {
    List<LookupIndex.Nearby> out = new ArrayList<>();
    for (Area a : areas) {
      if (a.geom().getEnvelopeInternal().distance(p.getEnvelopeInternal()) > 0.01) {
        continue; // more than ~800 m away in any direction: cannot be within 50 m
      }
      double d = a.geom().covers(p) ? 0 : GeoMath.distanceM(p, a.geom());
      if (!a.id().equals(except) && d <= MAX_M) {
        out.add(new LookupIndex.Nearby(a, d));
      }
    }
    out.sort(
        Comparator.comparingDouble(LookupIndex.Nearby::distanceM)
            .thenComparing(n -> n.area().id()));
    return out;
  }
}
