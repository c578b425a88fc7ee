package org.patrolmap.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Dataset;
import org.patrolmap.testing.TinyDataset;

/** Areas simplified as a coverage: fewer vertices, and the shared edge stays shared. */
class SimplifiedLayersTest {
  /** Two towns meeting along a zig-zag edge with 10 m teeth (0.0001°), under the tolerance. */
  private static final String WEST =
      "POLYGON ((-90.32 38.70, -90.30 38.70, -90.3001 38.702, -90.30 38.704, -90.3001 38.706,"
          + " -90.30 38.708, -90.3001 38.709, -90.30 38.71, -90.32 38.71, -90.32 38.70))";

  private static final String EAST =
      "POLYGON ((-90.30 38.70, -90.28 38.70, -90.28 38.71, -90.30 38.71, -90.3001 38.709,"
          + " -90.30 38.708, -90.3001 38.706, -90.30 38.704, -90.3001 38.702, -90.30 38.70))";

  private static Area area(String id, String wkt) {
    Geometry g = TinyDataset.wkt(wkt);
    return new Area(id, id, AreaKind.MUNICIPALITY, "29189", List.of(), "test", 1, g);
  }

  @Test
  void simplifiedNeighboursShareTheirEdgeWithNoGapOrOverlap() {
    List<Area> areas = List.of(area("w", WEST), area("e", EAST));
    Map<String, Geometry> s = Layers.simplify(areas);
    Geometry w = s.get("w");
    Geometry e = s.get("e");
    assertTrue(w.getNumPoints() < areas.get(0).geom().getNumPoints(), w.toText());
    assertTrue(e.getNumPoints() < areas.get(1).geom().getNumPoints(), e.toText());
    assertEquals(0, w.intersection(e).getArea(), 1e-15);
    Geometry union = w.union(e);
    assertEquals(1, union.getNumGeometries());
    assertEquals(0, ((Polygon) union).getNumInteriorRing());
    assertEquals(areas.get(0).geom().union(areas.get(1).geom()).getArea(), union.getArea(), 1e-6);
  }

  @Test
  void lowDetailKeepsEveryFeatureAndIsCachedApartFromFullDetail() {
    Layers layers = new Layers();
    Dataset d = TinyDataset.build();
    LocalDate date = LocalDate.of(2024, 5, 1);
    for (String id : List.of("areas", "patrol", "dispatch", "contracts", "footprints")) {
      Layer full = layers.get(d, id, date, false);
      Layer low = layers.get(d, id, date, true);
      assertNotSame(full, low, id);
      assertEquals(
          full.features().stream().map(LayerFeature::id).toList(),
          low.features().stream().map(LayerFeature::id).toList(),
          id);
      assertEquals(low, layers.get(d, id, date, true), id);
    }
  }

  @Test
  void theOverviewIsSimplifiedFurtherThanLowDetailWithEveryFeature() {
    Layers layers = new Layers();
    Dataset d = TinyDataset.build();
    LocalDate date = LocalDate.of(2024, 5, 1);
    for (String id : List.of("areas", "patrol")) {
      Layer low = layers.get(d, id, date, Layers.SIMPLIFY_TOLERANCE);
      Layer overview = layers.get(d, id, date, Layers.OVERVIEW_TOLERANCE);
      assertNotSame(low, overview, id);
      assertEquals(
          low.features().stream().map(LayerFeature::id).toList(),
          overview.features().stream().map(LayerFeature::id).toList(),
          id);
      assertTrue(
          points(overview) <= points(low), id + ": " + points(overview) + " > " + points(low));
      assertEquals(overview, layers.get(d, id, date, Layers.OVERVIEW_TOLERANCE), id);
    }
  }

  private static int points(Layer layer) {
    return layer.features().stream()
        .mapToInt(f -> f.geometry() == null ? 0 : f.geometry().getNumPoints())
        .sum();
  }
}
