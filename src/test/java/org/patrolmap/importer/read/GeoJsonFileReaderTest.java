package org.patrolmap.importer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.patrolmap.importer.InputDataException;

class GeoJsonFileReaderTest {
  @TempDir Path dir;

  private Path file(String json) throws IOException {
    return Files.writeString(dir.resolve("areas.geojson"), json);
  }

  private InputDataException assertRejected(String json, String problemPart) throws IOException {
    Path f = file(json);
    InputDataException e = assertThrows(InputDataException.class, () -> GeoJsonFileReader.read(f));
    assertEquals(f, e.file());
    assertTrue(
        e.problem().contains(problemPart),
        () -> "problem '" + e.problem() + "' should contain '" + problemPart + "'");
    return e;
  }

  @Test
  void readsPolygonsWithTheUnionOfPropertyKeysInFirstSeenOrder() throws IOException {
    VectorLayer layer =
        GeoJsonFileReader.read(
            file(
                """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{"name":"A","pop":12,"urban":true},
         "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
         {"type":"Feature","properties":{"name":"B","area":2.5,"tags":["x"],"note":null},
         "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
         {"type":"Feature","properties":null,"geometry":null}]}
        """));
    assertEquals("areas", layer.name());
    assertNull(layer.prjWkt());
    assertEquals(List.of("name", "pop", "urban", "area", "tags", "note"), layer.fieldNames());
    VectorFeature a = layer.features().get(0);
    VectorFeature b = layer.features().get(1);
    assertInstanceOf(Polygon.class, a.geometry());
    assertEquals(0, a.geometry().getSRID());
    assertEquals(12, a.attributes().get("pop"));
    assertEquals(true, a.attributes().get("urban"));
    assertNull(a.attributes().get("area"));
    assertEquals(layer.fieldNames(), List.copyOf(a.attributes().keySet()));
    assertInstanceOf(MultiPolygon.class, b.geometry());
    assertEquals(2.5, b.attributes().get("area"));
    assertEquals("[\"x\"]", b.attributes().get("tags"));
    assertNull(layer.features().get(2).geometry(), "a null geometry is kept as null");
  }

  @Test
  void emptyFeatureCollectionIsAnEmptyLayer() throws IOException {
    VectorLayer layer =
        GeoJsonFileReader.read(file("{\"type\":\"FeatureCollection\",\"features\":[]}"));
    assertTrue(layer.features().isEmpty() && layer.fieldNames().isEmpty());
  }

  @Test
  void pointGeometryIsRejected() throws IOException {
    assertRejected(
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}""",
        "feature 1: geometry type Point is not a polygon");
  }

  @Test
  void invalidGeometryIsRejected() throws IOException {
    assertRejected(
        """
        {"type":"FeatureCollection","features":[
         {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":"nope"}}]}""",
        "feature 1: invalid geometry");
  }

  @Test
  void malformedJsonReportsTheParserLocation() throws IOException {
    assertRejected(
        "{\"type\":\"FeatureCollection\",\n\"features\":[\n{\"type\" \"Feature\"}]}",
        "malformed JSON at line 3, column");
  }

  @Test
  void trailingGarbageIsMalformed() throws IOException {
    assertRejected("{\"type\":\"FeatureCollection\",\"features\":[]} }", "malformed JSON");
  }

  @Test
  void singleFeatureIsNotAFeatureCollection() throws IOException {
    assertRejected(
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}",
        "not a GeoJSON FeatureCollection");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    assertRejected("", "empty file");
  }

  @Test
  void missingFileIsRejected() {
    Path f = dir.resolve("nowhere.geojson");
    assertEquals(f, assertThrows(InputDataException.class, () -> GeoJsonFileReader.read(f)).file());
    assertTrue(Arrays.asList(dir.toFile().list()).isEmpty());
  }
}
