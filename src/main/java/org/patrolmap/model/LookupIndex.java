package org.patrolmap.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.patrolmap.geo.GeoMath;

/**
 * Point-in-polygon over the areas of one dataset: an STRtree of prepared geometries, built once and
 * then read-only, so it is safe to share between request threads. A {@link LookupGrid} in front of
 * it answers points deep inside an area (or outside every area) without a geometry test; the
 * answers are the same as the tree's (see {@code LookupGridTest}).
 */
public final class LookupIndex {
  private record Entry(Area area, PreparedGeometry prepared, int index, Facets facets) {}

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
      Entry e = new Entry(a, pgf.create(a.geom()), prepared.size(), new Facets(a.geom()));
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
    for (Object o : tree.query(env)) {
      Entry e = (Entry) o;
      if (e.area.id().equals(own.id())
          || !e.prepared.getGeometry().getEnvelopeInternal().intersects(env)) {
        continue;
      }
      if (e.prepared.covers(p)) {
        return true;
      }
      if (e.facets.distanceM(p, env) <= maxM) {
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
        // The box holds every point within maxM: only the parts of the boundary near it are read.
        d = e.facets.distanceM(p, env);
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

  /**
   * An area's boundary rings in the order JTS's {@code DistanceOp} reads them (each polygon's
   * shell, then its holes), each cut into runs of {@link #RUN} segments with their bounding boxes,
   * so {@link #distanceM} reads only the runs near a point.
   */
  static final class Facets {
    static final int RUN = 16;
    private final Coordinate[][] rings;
    private final double[][] boxes; // per ring: minX, maxX, minY, maxY of each run

    Facets(Geometry g) {
      List<Coordinate[]> rs = new ArrayList<>();
      for (Object o : LinearComponentExtracter.getLines(g)) {
        rs.add(((LineString) o).getCoordinates());
      }
      rings = rs.toArray(new Coordinate[0][]);
      boxes = new double[rings.length][];
      for (int r = 0; r < rings.length; r++) {
        Coordinate[] c = rings[r];
        int runs = Math.max(0, (c.length - 2) / RUN + 1);
        double[] b = new double[runs * 4];
        for (int k = 0; k < runs; k++) {
          double minX = Double.POSITIVE_INFINITY;
          double maxX = Double.NEGATIVE_INFINITY;
          double minY = Double.POSITIVE_INFINITY;
          double maxY = Double.NEGATIVE_INFINITY;
          for (int i = k * RUN; i <= Math.min(c.length - 1, (k + 1) * RUN); i++) {
            minX = Math.min(minX, c[i].x);
            maxX = Math.max(maxX, c[i].x);
            minY = Math.min(minY, c[i].y);
            maxY = Math.max(maxY, c[i].y);
          }
          b[k * 4] = minX;
          b[k * 4 + 1] = maxX;
          b[k * 4 + 2] = minY;
          b[k * 4 + 3] = maxY;
        }
        boxes[r] = b;
      }
    }

    /**
     * {@link GeoMath#distanceM}{@code (p, area)} for a point outside the area, whenever the nearest
     * point lies in {@code box} (a box around p holding every point within the distance asked);
     * {@code +Infinity} otherwise (then the nearest point is outside the box, so farther). The same
     * nearest point as {@code DistanceOp}: the first segment, in its order, at the least planar
     * distance — runs whose box is farther than the least distance so far cannot hold a nearer or
     * an earlier equal segment and are skipped, and the search starts from the box's half diagonal.
     */
    double distanceM(Point p, Envelope box) {
      Coordinate q = p.getCoordinate();
      double hw = box.getWidth() / 2;
      double hh = box.getHeight() / 2;
      double min = Math.sqrt(hw * hw + hh * hh) * (1 + 1e-9);
      Coordinate[] bestRing = null;
      int best = -1;
      for (int r = 0; r < rings.length; r++) {
        Coordinate[] c = rings[r];
        double[] b = boxes[r];
        for (int k = 0; k * 4 < b.length; k++) {
          double dx = Math.max(0, Math.max(b[k * 4] - q.x, q.x - b[k * 4 + 1]));
          double dy = Math.max(0, Math.max(b[k * 4 + 2] - q.y, q.y - b[k * 4 + 3]));
          if (Math.sqrt(dx * dx + dy * dy) > min * (1 + 1e-9)) {
            continue; // every segment of the run is farther than the least distance so far
          }
          int end = Math.min(c.length - 1, (k + 1) * RUN);
          for (int i = k * RUN; i < end; i++) {
            double d = Distance.pointToSegment(q, c[i], c[i + 1]);
            if (d < min) {
              min = d;
              bestRing = c;
              best = i;
            }
          }
        }
      }
      if (bestRing == null) {
        return Double.POSITIVE_INFINITY;
      }
      Coordinate n = new LineSegment(bestRing[best], bestRing[best + 1]).closestPoint(q);
      return GeoMath.haversineM(q.x, q.y, n.x, n.y);
    }
  }
}
