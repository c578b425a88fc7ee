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

  @Test
  void facetDistanceIsGeoMathsDistanceWheneverTheNearestPointIsInTheBox() {
    List<Area> areas =
        BenchData.voronoi(
            60, 9, new org.locationtech.jts.geom.Envelope(-90.74, -90.11, 38.39, 38.89));
    SplittableRandom r = new SplittableRandom(4);
    int compared = 0;
    for (int i = 0; i < 10_000; i++) {
      Area a = areas.get(r.nextInt(areas.size()));
      Coordinate[] ring = a.geom().getCoordinates();
      Coordinate v = ring[r.nextInt(ring.length)];
      Point p =
          Dataset.GEOMETRY.createPoint(
              new Coordinate(
                  v.x + (r.nextDouble() - 0.5) * 0.003, v.y + (r.nextDouble() - 0.5) * 0.002));
      if (a.geom().covers(p)) {
        continue;
      }
      org.locationtech.jts.geom.Envelope box = LookupIndex.box(p.getX(), p.getY(), MAX_M);
      double want = GeoMath.distanceM(p, a.geom());
      double got = new LookupIndex.Facets(a.geom()).distanceM(p, box);
      if (Double.isInfinite(got)) {
        assertTrue(want > MAX_M, "beyond the box but " + want + " m at " + p);
      } else {
        assertEquals(want, got, "at " + p);
        compared++;
      }
    }
    assertTrue(compared > 1000, "compared " + compared);
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
