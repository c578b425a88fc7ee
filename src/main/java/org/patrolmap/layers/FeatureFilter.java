package org.patrolmap.layers;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.Bbox;
import org.patrolmap.model.Dataset;

/**
 * The one filter of layer features, shared by {@code /api/layers} and OGC items: features whose
 * geometry intersects a box (when given) and whose properties equal every required value.
 */
public final class FeatureFilter {
  private FeatureFilter() {}

  /**
   * @param bbox the box, or null for any place
   * @param equals property name → required value (e.g. {@code agency_id → slcpd}); empty for any
   */
  public static List<LayerFeature> filter(
      List<LayerFeature> features, Bbox bbox, Map<String, String> equals) {
    Envelope env = bbox == null ? null : bbox.envelope();
    Geometry box = env == null ? null : Dataset.GEOMETRY.toGeometry(env);
    return features.stream()
        .filter(
            f ->
                equals.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(f.properties().get(e.getKey()))))
        .filter(
            f ->
                box == null
                    || (f.geometry().getEnvelopeInternal().intersects(env)
                        && f.geometry().intersects(box)))
        .toList();
  }
}
