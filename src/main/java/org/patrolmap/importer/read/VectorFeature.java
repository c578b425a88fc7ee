package org.patrolmap.importer.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from a vector file: its geometry as stored (not repaired; {@code null} for a
 * null shape or a feature without geometry) and its attributes in field order. Attribute values may
 * be {@code null}; the map is unmodifiable.
 */
public record VectorFeature(Geometry geometry, Map<String, Object> attributes) {
  public VectorFeature {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
