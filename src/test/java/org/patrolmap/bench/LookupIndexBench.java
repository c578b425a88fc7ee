package org.patrolmap.bench;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Point;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.patrolmap.http.Limits;
import org.patrolmap.model.Area;
import org.patrolmap.model.LookupIndex;

/**
 * JMH microbenchmark of the in-memory lookup index alone (no HTTP, no JSON): {@code areaAt} is the
 * point-in-polygon answer, {@code areaAtAndNear} adds the 50 m neighbour search every {@code
 * /api/lookup} also does. Datasets: the St. Louis areas from the benchmark database, and a
 * synthetic 35,000-cell Voronoi tiling of the US (national scale). Run by {@code bench/run.sh}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LookupIndexBench {
  @Param({"stlouis", "voronoi35k"})
  public String dataset;

  LookupIndex index;
  Point[] points;

  @Setup(Level.Trial)
  public void setUp() {
    List<Area> areas =
        "stlouis".equals(dataset) ? BenchData.stLouis() : BenchData.voronoi(35_000, 7);
    index = new LookupIndex(areas);
    points = BenchData.pointsIn(index, areas, 1024, 42);
  }

  /** Per-thread position in the point list, so threads do not share a counter. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;

    Point next(Point[] pts) {
      i = (i + 1) & (pts.length - 1);
      return pts[i];
    }
  }

  @Benchmark
  public Optional<Area> areaAt(Cursor c) {
    return index.areaAt(c.next(points));
  }

  @Benchmark
  public Object areaAtAndNear(Cursor c) {
    Point p = c.next(points);
    Area a = index.areaAt(p).orElseThrow();
    return index.near(p, Limits.NEAR_BOUNDARY_M, a.id());
  }
}
