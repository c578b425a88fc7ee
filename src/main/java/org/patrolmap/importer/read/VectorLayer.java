package org.patrolmap.importer.read;

import java.nio.file.Path;
import java.util.List;

/**
 * The content of one vector file (a shapefile or a GeoJSON FeatureCollection).
 *
 * @param name layer name: the file's base name
 * @param path the file that was read
 * @param prjWkt the CRS as WKT from the {@code .prj} file, or {@code null} when the format has none
 *     (GeoJSON, which is WGS 84 by definition)
 * @param fieldNames attribute names in file order
 * @param features the features in file order
 */
public record VectorLayer(
    String name, Path path, String prjWkt, List<String> fieldNames, List<VectorFeature> features) {
  public VectorLayer {
    fieldNames = List.copyOf(fieldNames);
    features = List.copyOf(features);
  }
}
