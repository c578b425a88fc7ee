package org.patrolmap.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Point;
import org.patrolmap.model.Area;
import org.patrolmap.model.LookupIndex;

/**
 * Scale figures of the synthetic national dataset that JMH does not give: generation time, index
 * build time (median of 3), and heap retained by the areas, by the built index and by the index
 * after every polygon has been queried (JTS prepares point-in-polygon locators lazily). Prints one
 * JSON object. Usage: {@code ScaleProbe [cells]}.
 */
public final class ScaleProbe {
  private ScaleProbe() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 35_000;
    long base = usedAfterGc();
    long t0 = System.nanoTime();
    List<Area> areas = BenchData.voronoi(n, 7);
    double genS = (System.nanoTime() - t0) / 1e9;
    long withAreas = usedAfterGc();
    double[] builds = new double[3];
    LookupIndex index = null;
    for (int i = 0; i < builds.length; i++) {
      index = null;
      usedAfterGc();
      long s = System.nanoTime();
      index = new LookupIndex(areas);
      builds[i] = (System.nanoTime() - s) / 1e6;
    }
    long withIndex = usedAfterGc();
    // Touch every cell once (its interior point) so every lazy locator exists: the steady state.
    List<Point> probes = new ArrayList<>(areas.size());
    for (Area a : areas) {
      probes.add(a.geom().getInteriorPoint());
    }
    long s = System.nanoTime();
    int found = 0;
    for (Point p : probes) {
      found += index.areaAt(p).isPresent() ? 1 : 0;
    }
    double coldMs = (System.nanoTime() - s) / 1e6;
    long warm = usedAfterGc();
    Arrays.sort(builds);
    String json =
        String.format(
            java.util.Locale.ROOT,
            "{\"cells\":%d,\"vertices\":%d,\"generate_s\":%.2f,\"build_ms_median\":%.0f,\"build_ms\":%s,"
                + "\"heap_areas_mb\":%.1f,\"heap_index_mb\":%.1f,\"heap_warm_mb\":%.1f,\"first_touch_all_ms\":%.0f,\"found\":%d}",
            areas.size(),
            BenchData.vertices(areas),
            genS,
            builds[1],
            Arrays.toString(builds),
            (withAreas - base) / 1048576.0,
            (withIndex - withAreas) / 1048576.0,
            (warm - withAreas) / 1048576.0,
            coldMs,
            found);
    System.out.println(json); // benchmark tool output, not main code
    if (index.size() != areas.size()) {
      throw new IllegalStateException("index size mismatch");
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }
}
