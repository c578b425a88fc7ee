package org.patrolmap.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.patrolmap.geo.GeoMath;

/**
 * Point-in-polygon over the areas of one dataset: an STRtree of prepared geometries, built once and
 * then read-only, so it is safe to share between request threads. A {@link LookupGrid} in front of
 * it answers points deep inside an area (or outside every area) without a geometry test; the
 * answers are the same as the tree's (see {@code LookupGridTest}).
 */
public final class LookupIndex {
  private record Entry(Area area, PreparedGeometry prepared, int index) {}

  /** An area near a point, with its distance in metres. */
  public record Nearby(Area area, double distanceM) {}

  /** Distance within which neighbouring areas are reported by a lookup, in metres. */
  public static final double NEAR_BOUNDARY_M = 50;

  /** {@link #deepAt}: no area covers the point. */
  public static final int OUTSIDE = LookupGrid.OUTSIDE;

  /** {@link #deepAt}: the point is near a boundary; ask {@link #areaAt} and {@link #isNear}. */
  public static final int EXACT = LookupGrid.EXACT;

  private final STRtree tree = new STRtree();
  private final Map<String, Entry> entries = new HashMap<>();
  private final Area[] areas;
  private final LookupGrid grid;

  public LookupIndex(List<Area> areas) {
    this(areas, true);
  }

  /** The index, with or without its grid (without: every answer from the exact geometry tests). */
  public LookupIndex(List<Area> areas, boolean withGrid) {
    PreparedGeometryFactory pgf = new PreparedGeometryFactory();
    this.areas = areas.toArray(new Area[0]);
    List<PreparedGeometry> prepared = new ArrayList<>(areas.size());
    for (Area a : areas) {
      Entry e = new Entry(a, pgf.create(a.geom()), prepared.size());
      tree.insert(a.geom().getEnvelopeInternal(), e);
      entries.put(a.id(), e);
      prepared.add(e.prepared);
    }
    tree.build();
    this.grid = withGrid && !areas.isEmpty() ? LookupGrid.build(prepared, NEAR_BOUNDARY_M) : null;
  }

  /**
   * The grid's answer for a point, without geometry: the index (see {@link #area(int)}) of the area
   * covering it when no other area lies within {@link #NEAR_BOUNDARY_M} ({@link #areaAt} is that
   * area, {@link #isNear} false, {@link #near} empty); {@link #OUTSIDE} when no area covers it;
   * {@link #EXACT} when only the exact methods can tell.
   */
  public int deepAt(double lon, double lat) {
    return grid == null ? EXACT : grid.at(lon, lat);
  }

  /** The area of index {@code i} (the order of the list the index was built from). */
  public Area area(int i) {
    return areas[i];
  }

  /** The index of an area of this dataset, or -1. */
  public int indexOf(Area a) {
    Entry e = entries.get(a.id());
    return e == null ? -1 : e.index;
  }

  /** Shares of the grid's cells {outside, deep, exact}, or null without a grid (benchmarks). */
  public double[] gridShares() {
    return grid == null ? null : grid.shares();
  }

  /** The area covering the point; on a shared line, the one with the smallest id. */
  public Optional<Area> areaAt(Point p) {
    int cell = deepAt(p.getX(), p.getY());
    if (cell == OUTSIDE) {
      return Optional.empty();
    }
    if (cell >= 0) {
      return Optional.of(areas[cell]);
    }
    Area best = null;
    for (Object o : tree.query(p.getEnvelopeInternal())) {
      Entry e = (Entry) o;
      if (e.prepared.covers(p) && (best == null || e.area.id().compareTo(best.id()) < 0)) {
        best = e.area;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether {@link #near} would find any area: the same answer, cheaper. Inside {@code own} (the
   * area covering the point) far from its boundary, a box holding every point within {@code maxM}
   * lies wholly inside it, so (the areas tiling without overlaps) no other area comes that close
   * and no neighbour search is made; otherwise the search stops at the first area found.
   */
  public boolean isNear(Point p, double maxM, Area own) {
    int cell = maxM <= NEAR_BOUNDARY_M ? deepAt(p.getX(), p.getY()) : EXACT;
    if (cell >= 0 && areas[cell].id().equals(own.id())) {
      return false;
    }
    Envelope env = box(p, maxM);
    Entry mine = entries.get(own.id());
    if (mine != null && mine.prepared.containsProperly(p.getFactory().toGeometry(env))) {
      return false;
    }
    Geometry box = null;
    for (Object o : tree.query(env)) {
      Entry e = (Entry) o;
      if (e.area.id().equals(own.id())
          || !e.prepared.getGeometry().getEnvelopeInternal().intersects(env)) {
        continue;
      }
      if (e.prepared.covers(p)) {
        return true;
      }
      box = box == null ? p.getFactory().toGeometry(env) : box;
      if (e.prepared.intersects(box) && GeoMath.distanceM(p, e.prepared.getGeometry()) <= maxM) {
        return true;
      }
    }
    return false;
  }

  /** A lon/lat box holding every point within {@code maxM} metres of {@code p}. */
  private static Envelope box(Point p, double maxM) {
    return box(p.getX(), p.getY(), maxM);
  }

  static Envelope box(double x, double y, double maxM) {
    double dLat = maxM / 111_000.0 * 1.2;
    double dLon = dLat / Math.max(0.1, Math.cos(Math.toRadians(y)));
    return new Envelope(x - dLon, x + dLon, y - dLat, y + dLat);
  }

  /**
   * Areas other than {@code except} whose boundary lies within {@code maxM} metres, nearest first.
   */
  public List<Nearby> near(Point p, double maxM, String except) {
    int cell = maxM <= NEAR_BOUNDARY_M ? deepAt(p.getX(), p.getY()) : EXACT;
    if (cell >= 0 && areas[cell].id().equals(except)) {
      return List.of();
    }
    Envelope env = box(p, maxM);
    Geometry box = null;
    List<Nearby> out = new ArrayList<>();
    for (Object o : tree.query(env)) {
      Entry e = (Entry) o;
      if (e.area.id().equals(except)
          || !e.prepared.getGeometry().getEnvelopeInternal().intersects(env)) {
        continue;
      }
      double d;
      if (e.prepared.covers(p)) {
        d = 0;
      } else {
        // The box holds every point within maxM: an area that misses it is farther, so the exact
        // (linear in vertices) distance is only computed for areas that really come close.
        box = box == null ? p.getFactory().toGeometry(env) : box;
        if (!e.prepared.intersects(box)) {
          continue;
        }
        d = GeoMath.distanceM(p, e.prepared.getGeometry());
      }
      if (d <= maxM) {
        out.add(new Nearby(e.area, d));
      }
    }
    out.sort(Comparator.comparingDouble(Nearby::distanceM).thenComparing(n -> n.area().id()));
    return out;
  }

  public int size() {
    return tree.size();
  }
}
