package org.patrolmap.layers;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a layer: a stable id, its geometry, its properties and its RFC 7946 GeoJSON
 * serialization, prepared once so that whole layers and OGC pages are concatenations of bytes.
 */
public record LayerFeature(
    String id, Geometry geometry, Map<String, Object> properties, byte[] json) {}
