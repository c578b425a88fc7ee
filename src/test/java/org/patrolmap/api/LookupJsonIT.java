package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.patrolmap.http.Limits;
import org.patrolmap.json.Json;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.testing.TestServer;

/**
 * The pre-serialized lookup answer ({@link LookupJson}) is byte for byte the answer of {@link
 * #reference}, the plain Map-based rendering of the contract,, on the real St. Louis dataset, for
 * random points, points right beside boundaries (with neighbours) and several dates, whether its
 * pieces are fresh or cached.
 */
class LookupJsonIT {
  @Test
  void preSerializedLookupAnswersAreByteIdenticalToTheViewForRandomAndBoundaryPoints() {
    Dataset d = TestServer.get().running().datasets().current();
    LookupJson writer = new LookupJson();
    List<LocalDate> dates =
        List.of(
            LocalDate.now(ZoneId.systemDefault()),
            LocalDate.of(2016, 6, 1),
            LocalDate.of(2018, 10, 1),
            LocalDate.of(2010, 1, 1));
    int compared = 0;
    int withNeighbours = 0;
    for (Point p : points(d, 600)) {
      Area a = d.index().areaAt(p).orElse(null);
      if (a == null) {
        continue;
      }
      List<LookupIndex.Nearby> near = d.index().near(p, Limits.NEAR_BOUNDARY_M, a.id());
      withNeighbours += near.isEmpty() ? 0 : 1;
      for (LocalDate date : dates) {
        byte[] expected = Json.bytes(reference(d, p.getX(), p.getY(), date, a, near));
        for (int pass = 0; pass < 2; pass++) {
          byte[] actual = writer.write(d, p.getX(), p.getY(), date, a, near);
          assertArrayEquals(
              expected,
              actual,
              () ->
                  "lookup at "
                      + p
                      + " on "
                      + date
                      + ":\n"
                      + new String(expected, StandardCharsets.UTF_8)
                      + "\n"
                      + new String(actual, StandardCharsets.UTF_8));
        }
        compared++;
      }
    }
    assertTrue(compared > 1000, "compared " + compared);
    assertTrue(withNeighbours > 50, "points with neighbours: " + withNeighbours);
  }

  /**
   * Half random points in the region, half points within about 30 m of an area's boundary vertex.
   */
  private static List<Point> points(Dataset d, int n) {
    SplittableRandom r = new SplittableRandom(11);
    Envelope env = new Envelope();
    List<Area> areas = new ArrayList<>(d.areas().values());
    areas.forEach(a -> env.expandToInclude(a.geom().getEnvelopeInternal()));
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Coordinate c;
      if (i % 2 == 0) {
        c =
            new Coordinate(
                env.getMinX() + r.nextDouble() * env.getWidth(),
                env.getMinY() + r.nextDouble() * env.getHeight());
      } else {
        Coordinate[] ring = areas.get(r.nextInt(areas.size())).geom().getCoordinates();
        Coordinate v = ring[r.nextInt(ring.length)];
        c =
            new Coordinate(
                v.x + (r.nextDouble() - 0.5) * 0.0007, v.y + (r.nextDouble() - 0.5) * 0.0005);
      }
      out.add(Dataset.GEOMETRY.createPoint(c));
    }
    return out;
  }

  /**
   * The answer built naively from {@link Views}: what the pre-serialized writer must reproduce byte
   * for byte.
   */
  static Map<String, Object> reference(
      Dataset d, double lon, double lat, LocalDate date, Area a, List<LookupIndex.Nearby> near) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("lon", lon);
    q.put("lat", lat);
    q.put("date", date);
    m.put("query", q);
    m.put("dataset", Views.datasetRef(d));
    m.put("area", Shapes.area(a));
    m.put("patrol", Views.role(d, d.role(a, Function.PATROL, date), date));
    m.put("dispatch", Views.role(d, d.role(a, Function.DISPATCH, date), date));
    m.put("contracts", d.contracts(a, date).stream().map(s -> Views.contract(d, s)).toList());
    m.put(
        "call",
        Views.call(d, d.role(a, Function.PATROL, date), d.role(a, Function.DISPATCH, date), date));
    List<Map<String, Object>> nb = new ArrayList<>();
    for (var n : near) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("area", Shapes.area(n.area()));
      e.put("distance_m", Math.round(n.distanceM() * 10) / 10.0);
      e.put("patrol", Views.role(d, d.role(n.area(), Function.PATROL, date), date));
      e.put("dispatch", Views.role(d, d.role(n.area(), Function.DISPATCH, date), date));
      nb.add(e);
    }
    m.put("near_boundary", nb);
    return m;
  }
}
