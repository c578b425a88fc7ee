package org.patrolmap.importer.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.json.Json;

/**
 * Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features into a {@link VectorLayer}.
 *
 * <p>GeoJSON is WGS 84 by definition, so {@code prjWkt} is {@code null}. The field names are the
 * union of the property keys in the order first seen; every feature's attributes list all of them,
 * {@code null} where a feature lacks the key. Property values are String, Number, Boolean or {@code
 * null}; nested objects and arrays are kept as their JSON text. A feature with a {@code null}
 * geometry has a {@code null} geometry; geometries are not repaired.
 */
public final class GeoJsonFileReader {
  private static final ObjectReader JSON = Json.fileReader();
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);

  private GeoJsonFileReader() {}

  /** Reads the FeatureCollection in {@code geojson}. */
  public static VectorLayer read(Path geojson) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(geojson)) {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InputDataException(
          geojson, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (NoSuchFileException e) {
      throw new InputDataException(geojson, "file not found", e);
    } catch (IOException e) {
      throw new InputDataException(geojson, "cannot read: " + e, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InputDataException(geojson, "empty file");
    }
    if (!root.path("type").asText().equals("FeatureCollection")
        || !root.path("features").isArray()) {
      throw new InputDataException(geojson, "not a GeoJSON FeatureCollection");
    }
    GeoJsonReader reader = new GeoJsonReader(FACTORY);
    Set<String> fieldNames = new LinkedHashSet<>();
    List<Geometry> geometries = new ArrayList<>();
    List<JsonNode> properties = new ArrayList<>();
    int n = 0;
    for (JsonNode feature : root.get("features")) {
      String where = "feature " + ++n + ": ";
      JsonNode props = feature.path("properties");
      if (!feature.path("type").asText().equals("Feature")
          || !(props.isObject() || props.isNull() || props.isMissingNode())) {
        throw new InputDataException(geojson, where + "not a GeoJSON Feature");
      }
      props.fieldNames().forEachRemaining(fieldNames::add);
      properties.add(props);
      geometries.add(geometry(reader, feature.path("geometry"), geojson, where));
    }
    List<VectorFeature> features = new ArrayList<>(geometries.size());
    for (int i = 0; i < geometries.size(); i++) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (String name : fieldNames) {
        attributes.put(name, value(properties.get(i).get(name)));
      }
      features.add(new VectorFeature(geometries.get(i), attributes));
    }
    return new VectorLayer(baseName(geojson), geojson, null, List.copyOf(fieldNames), features);
  }

  private static Geometry geometry(GeoJsonReader reader, JsonNode node, Path file, String where) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    Geometry geometry;
    try {
      geometry = reader.read(node.toString());
    } catch (ParseException | RuntimeException e) {
      throw new InputDataException(file, where + "invalid geometry: " + e.getMessage(), e);
    }
    if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
      throw new InputDataException(
          file, where + "geometry type " + geometry.getGeometryType() + " is not a polygon");
    }
    if (geometry.getSRID()
        != 0) { // a legacy "crs" member sets an SRID; the CRS is WGS 84 regardless
      geometry = FACTORY.createGeometry(geometry);
    }
    return geometry;
  }

  private static Object value(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.toString();
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
