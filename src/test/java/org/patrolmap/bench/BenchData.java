package org.patrolmap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetRepository;

/**
 * The inputs of the benchmarks: the St. Louis areas as served (read through the store from the
 * benchmark database) or a synthetic national-size Voronoi tiling, and reproducible query points.
 */
public final class BenchData {
  /** Continental United States, the extent of the synthetic tiling. */
  public static final Envelope USA = new Envelope(-124.7, -67.0, 25.0, 49.4);

  /**
   * Average vertices per polygon of the Missouri TIGER place file (the synthetic cells are
   * densified to it).
   */
  public static final int PLACE_VERTICES = 260;

  private BenchData() {}

  /** The areas of the current dataset of {@code PATROLMAP_DB_URL} (as the server loads them). */
  public static List<Area> stLouis() {
    String url = System.getProperty("patrolmap.db.url", System.getenv("PATROLMAP_DB_URL"));
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("set PATROLMAP_DB_URL to the benchmark database");
    }
    try (Database db = Database.open(url, 2)) {
      DatasetRepository repo = new DatasetRepository(db);
      long id =
          repo.currentId()
              .orElseThrow(() -> new IllegalStateException("no dataset imported in " + url));
      return new ArrayList<>(repo.load(id).areas().values());
    }
  }

  /**
   * {@code n} Voronoi cells of random sites over the continental US (fixed seed), each densified to
   * about {@link #PLACE_VERTICES} vertices so per-polygon work resembles real place boundaries.
   */
  public static List<Area> voronoi(int n, long seed) {
    return voronoi(n, seed, USA);
  }

  /** The same over another extent (e.g. a county-sized one for the lookup grid's tests). */
  public static List<Area> voronoi(int n, long seed, Envelope extent) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Coordinate> sites = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sites.add(
          new Coordinate(
              extent.getMinX() + r.nextDouble() * extent.getWidth(),
              extent.getMinY() + r.nextDouble() * extent.getHeight()));
    }
    VoronoiDiagramBuilder vb = new VoronoiDiagramBuilder();
    vb.setSites(sites);
    vb.setClipEnvelope(extent);
    Geometry cells = vb.getDiagram(Dataset.GEOMETRY);
    Geometry clip = Dataset.GEOMETRY.toGeometry(extent);
    List<Area> out = new ArrayList<>(cells.getNumGeometries());
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry c = cells.getGeometryN(i).intersection(clip);
      if (!(c instanceof Polygon p) || p.isEmpty()) {
        continue;
      }
      Geometry dense = Densifier.densify(p, p.getLength() / PLACE_VERTICES);
      MultiPolygon mp = Dataset.GEOMETRY.createMultiPolygon(new Polygon[] {(Polygon) dense});
      String id = String.format(Locale.ROOT, "V%06d", i);
      out.add(
          new Area(
              id,
              "Synthetic " + id,
              AreaKind.MUNICIPALITY,
              "00000",
              List.of(),
              "synthetic Voronoi",
              0,
              mp));
    }
    return out;
  }

  /** {@code n} points covered by some area of the index: random in its extent, fixed seed. */
  public static Point[] pointsIn(LookupIndex index, List<Area> areas, int n, long seed) {
    Envelope env = new Envelope();
    areas.forEach(a -> env.expandToInclude(a.geom().getEnvelopeInternal()));
    SplittableRandom r = new SplittableRandom(seed);
    Point[] pts = new Point[n];
    int k = 0;
    while (k < n) {
      Point p =
          Dataset.GEOMETRY.createPoint(
              new Coordinate(
                  env.getMinX() + r.nextDouble() * env.getWidth(),
                  env.getMinY() + r.nextDouble() * env.getHeight()));
      if (index.areaAt(p).isPresent()) {
        pts[k++] = p;
      }
    }
    return pts;
  }

  public static long vertices(List<Area> areas) {
    return areas.stream().mapToLong(a -> a.geom().getNumPoints()).sum();
  }
}
