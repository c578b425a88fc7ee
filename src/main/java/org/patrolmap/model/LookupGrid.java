package org.patrolmap.model;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A regular grid over the areas of a {@link LookupIndex} that answers most points with one array
 * read and no geometry test. Each cell holds one of:
 *
 * <ul>
 *   <li>{@link #OUTSIDE}: no area touches the cell, so no area covers a point in it;
 *   <li>an area's index: that area properly contains the cell grown by a margin holding every 50 m
 *       search box of {@link LookupIndex#isNear} and {@link LookupIndex#near}, and no other area
 *       touches the grown cell — so the point is in that area, and no other area is within 50 m;
 *   <li>{@link #EXACT}: anything else (a boundary runs through or near the cell); the index answers
 *       with its exact geometry tests.
 * </ul>
 *
 * Built in two passes, in time proportional to the length of the boundaries plus the number of
 * cells (no polygon test per cell): every cell whose grown rectangle may meet a boundary segment is
 * marked {@link #EXACT} (each segment, cut into pieces no longer than a cell, marks the cells under
 * its piece's bounding box grown by the margin — a superset of the cells it meets); then each
 * 4-connected group of unmarked cells, which no boundary crosses, takes the answer of one exact
 * point-in-polygon test at one of its cells (no area: {@link #OUTSIDE}; exactly one: that area;
 * overlapping areas: {@link #EXACT}). Every rectangle is grown by a further {@link #EPS}, so
 * rounding (in {@link #at}, which cell a point falls in, and in cutting the segments) cannot put a
 * point in a cell whose answer does not hold for it. Memory is bounded: at most {@link #MAX_CELLS}
 * cells of two bytes (8 MiB), the cells growing for larger regions.
 */
final class LookupGrid {
  /** No area covers a point of the cell. */
  static final short OUTSIDE = -1;

  /** The cell needs the exact geometry tests. */
  static final short EXACT = -2;

  /** Cell side aimed at, in metres (grown when the region would need more than the cap). */
  static final double CELL_M = 40;

  static final int MAX_CELLS = 1 << 22;

  /** Slack around every classified rectangle, in degrees (about 0.1 mm). */
  static final double EPS = 1e-9;

  private final double x0;
  private final double y0;
  private final double cw;
  private final double ch;
  private final int cols;
  private final int rows;
  private final short[] cells;
  private final double marginM;

  private LookupGrid(
      double x0, double y0, double cw, double ch, int cols, int rows, double marginM) {
    this.x0 = x0;
    this.y0 = y0;
    this.cw = cw;
    this.ch = ch;
    this.cols = cols;
    this.rows = rows;
    this.cells = new short[cols * rows];
    this.marginM = marginM;
  }

  /** The distance (metres) up to which a deep cell promises no other area. */
  double marginM() {
    return marginM;
  }

  /**
   * Builds the grid over {@code prepared} (the area at list index i answers i), for neighbour
   * searches up to {@code marginM} metres; null when there is nothing to grid.
   */
  static LookupGrid build(List<PreparedGeometry> prepared, double marginM) {
    Envelope all = new Envelope();
    for (PreparedGeometry g : prepared) {
      all.expandToInclude(g.getGeometry().getEnvelopeInternal());
    }
    if (all.isNull() || all.getWidth() <= 0 || all.getHeight() <= 0) {
      return null;
    }
    double ch = CELL_M / 111_000.0;
    double cw = ch / Math.max(0.1, Math.cos(Math.toRadians(all.centre().y)));
    double scale = Math.sqrt((all.getWidth() / cw) * (all.getHeight() / ch) / MAX_CELLS);
    if (scale > 1) {
      ch *= scale * 1.01;
      cw *= scale * 1.01;
    }
    int cols = Math.max(1, (int) Math.ceil(all.getWidth() / cw));
    int rows = Math.max(1, (int) Math.ceil(all.getHeight() / ch));
    LookupGrid grid = new LookupGrid(all.getMinX(), all.getMinY(), cw, ch, cols, rows, marginM);
    java.util.Arrays.fill(grid.cells, UNSET);
    // the widest search box of any point of the grid (the latitude farthest from the equator)
    double farLat = Math.max(Math.abs(all.getMinY()), Math.abs(all.getMaxY()));
    Envelope box = LookupIndex.box(0, farLat, marginM);
    double mx = box.getWidth() / 2 * (1 + 1e-9) + 2 * EPS;
    double my = box.getHeight() / 2 * (1 + 1e-9) + 2 * EPS;
    for (PreparedGeometry g : prepared) {
      Geometry geom = g.getGeometry();
      for (int i = 0; i < geom.getNumGeometries(); i++) {
        if (geom.getGeometryN(i) instanceof Polygon poly) {
          grid.markRing(poly.getExteriorRing().getCoordinates(), mx, my);
          for (int h = 0; h < poly.getNumInteriorRing(); h++) {
            grid.markRing(poly.getInteriorRingN(h).getCoordinates(), mx, my);
          }
        } else {
          // not a polygon: grid nothing, every point gets the exact tests
          java.util.Arrays.fill(grid.cells, EXACT);
          return grid;
        }
      }
    }
    grid.fill(prepared);
    return grid;
  }

  private static final short UNSET = Short.MIN_VALUE;

  /** Marks {@link #EXACT} every cell whose grown rectangle may meet a segment of the ring. */
  private void markRing(Coordinate[] ring, double mx, double my) {
    for (int i = 1; i < ring.length; i++) {
      Coordinate a = ring[i - 1];
      Coordinate b = ring[i];
      int pieces =
          (int)
              Math.min(
                  1 << 20, Math.ceil(Math.max(Math.abs(b.x - a.x) / cw, Math.abs(b.y - a.y) / ch)));
      pieces = Math.max(1, pieces);
      double px = a.x;
      double py = a.y;
      for (int k = 1; k <= pieces; k++) {
        double qx = k == pieces ? b.x : a.x + (b.x - a.x) * k / pieces;
        double qy = k == pieces ? b.y : a.y + (b.y - a.y) * k / pieces;
        markBox(
            Math.min(px, qx) - mx,
            Math.max(px, qx) + mx,
            Math.min(py, qy) - my,
            Math.max(py, qy) + my);
        px = qx;
        py = qy;
      }
    }
  }

  private void markBox(double minX, double maxX, double minY, double maxY) {
    int c0 = clamp((int) Math.floor((minX - x0) / cw) - 1, cols);
    int c1 = clamp((int) Math.floor((maxX - x0) / cw) + 1, cols);
    int r0 = clamp((int) Math.floor((minY - y0) / ch) - 1, rows);
    int r1 = clamp((int) Math.floor((maxY - y0) / ch) + 1, rows);
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        // a cell [c, c+1) meets the box when it overlaps it (with EPS of slack)
        double cx0 = x0 + c * cw;
        double cy0 = y0 + r * ch;
        if (cx0 - EPS <= maxX
            && cx0 + cw + EPS >= minX
            && cy0 - EPS <= maxY
            && cy0 + ch + EPS >= minY) {
          cells[r * cols + c] = EXACT;
        }
      }
    }
  }

  private static int clamp(int v, int n) {
    return Math.max(0, Math.min(n - 1, v));
  }

  /**
   * Gives each 4-connected group of unmarked cells the answer at one of its cells: no boundary
   * crosses the group's grown cells, so every point of it is covered by the same areas.
   */
  private void fill(List<PreparedGeometry> prepared) {
    STRtree tree = new STRtree();
    for (int i = 0; i < prepared.size(); i++) {
      tree.insert(prepared.get(i).getGeometry().getEnvelopeInternal(), i);
    }
    GeometryFactory gf = prepared.get(0).getGeometry().getFactory();
    int[] stack = new int[1024];
    for (int start = 0; start < cells.length; start++) {
      if (cells[start] != UNSET) {
        continue;
      }
      double cx = x0 + (start % cols + 0.5) * cw;
      double cy = y0 + (start / cols + 0.5) * ch;
      Point p = gf.createPoint(new Coordinate(cx, cy));
      int found = -1;
      int count = 0;
      for (Object o : tree.query(p.getEnvelopeInternal())) {
        int i = (Integer) o;
        // the plain predicate: the prepared one would build every area's point locator now
        if (prepared.get(i).getGeometry().covers(p)) {
          found = i;
          count++;
        }
      }
      short value =
          count == 0 ? OUTSIDE : count == 1 && found <= Short.MAX_VALUE ? (short) found : EXACT;
      int top = 0;
      stack[top++] = start;
      cells[start] = value;
      while (top > 0) {
        int at = stack[--top];
        int r = at / cols;
        int c = at % cols;
        for (int k = 0; k < 4; k++) {
          int nr = r + (k == 0 ? -1 : k == 1 ? 1 : 0);
          int nc = c + (k == 2 ? -1 : k == 3 ? 1 : 0);
          if (nr < 0 || nr >= rows || nc < 0 || nc >= cols || cells[nr * cols + nc] != UNSET) {
            continue;
          }
          cells[nr * cols + nc] = value;
          if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
          }
          stack[top++] = nr * cols + nc;
        }
      }
    }
  }

  /** The cell's value for a point: an area index, {@link #OUTSIDE} or {@link #EXACT}. */
  int at(double x, double y) {
    double fx = (x - x0) / cw;
    double fy = (y - y0) / ch;
    if (!(fx >= 0 && fx < cols && fy >= 0 && fy < rows)) {
      return EXACT; // beyond the grid (or NaN): the index's own search answers
    }
    return cells[(int) fy * cols + (int) fx];
  }

  /** Share of cells of each kind, for tests and benchmarks: {outside, deep, exact}. */
  double[] shares() {
    long out = 0;
    long exact = 0;
    for (short v : cells) {
      out += v == OUTSIDE ? 1 : 0;
      exact += v == EXACT ? 1 : 0;
    }
    double n = cells.length;
    return new double[] {out / n, (n - out - exact) / n, exact / n};
  }

  int cellCount() {
    return cells.length;
  }
}
