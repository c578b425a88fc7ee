package org.patrolmap.layers;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.Bbox;
import org.patrolmap.model.Dataset;

/**
 * The one filter of layer features, shared by {@code /api/layers} and OGC items: features whose
 * geometry intersects a box (when given; a box crossing the antimeridian is its two halves) and
 * whose properties equal every required value, and — for OGC filters — that meet a further
 * predicate.
 */
public final class FeatureFilter {
  private FeatureFilter() {}

  /**
   * @param bbox the box, or null for any place
   * @param equals property name → required value (e.g. {@code agency_id → slcpd}); empty for any
   */
  public static List<LayerFeature> filter(
      List<LayerFeature> features, Bbox bbox, Map<String, String> equals) {
    return filter(features, bbox, equals, f -> true);
  }

  /**
   * As {@link #filter(List, Bbox, Map)}, keeping only the features that also meet {@code more}
   * (tested last, on features the cheaper tests kept).
   */
  public static List<LayerFeature> filter(
      List<LayerFeature> features,
      Bbox bbox,
      Map<String, String> equals,
      Predicate<LayerFeature> more) {
    List<Envelope> envs = bbox == null ? List.of() : bbox.envelopes();
    List<Geometry> boxes = envs.stream().map(Dataset.GEOMETRY::toGeometry).toList();
    return features.stream()
        .filter(
            f ->
                equals.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(f.properties().get(e.getKey()))))
        .filter(f -> bbox == null || intersects(f.geometry(), envs, boxes))
        .filter(more)
        .toList();
  }

  private static boolean intersects(Geometry g, List<Envelope> envs, List<Geometry> boxes) {
    for (int i = 0; i < envs.size(); i++) {
      if (g.getEnvelopeInternal().intersects(envs.get(i)) && g.intersects(boxes.get(i))) {
        return true;
      }
    }
    return false;
  }
}
