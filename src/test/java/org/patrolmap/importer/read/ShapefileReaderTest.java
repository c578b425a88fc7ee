package org.patrolmap.importer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.importer.read.ShapefileFixtures.Field;
import org.patrolmap.importer.read.ShapefileFixtures.Spec;

class ShapefileReaderTest {
  private static final String SQUARE_WITH_HOLE =
      "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))";
  private static final Path TIGER =
      Path.of("/work/shared/data/tiger/tl_2019_29_place/tl_2019_29_place.shp");

  @TempDir Path dir;

  private static Spec spec() {
    return new Spec().fields(Field.text("NAME", 20), Field.number("POP", 9, 0));
  }

  /** A three-record layer: polygon with hole, two-part polygon, null shape. */
  private Path sample() throws IOException {
    return ShapefileFixtures.write(
        dir,
        "sample",
        spec()
            .add(SQUARE_WITH_HOLE, "Alpha", "10")
            .add(
                "MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)),((40 0,50 0,50 10,40 10,40 0),(41 1,42 1,42 2,41 2,41 1)))",
                "Beta",
                "20")
            .add(null, "Gamma", "30"));
  }

  private static void assertSameShape(String expectedWkt, Geometry actual) {
    Geometry expected = ShapefileFixtures.read(expectedWkt);
    assertTrue(
        expected.norm().equalsExact(actual.norm()),
        () -> "expected " + expected + " but was " + actual);
    assertEquals(0, actual.getSRID());
  }

  private static InputDataException assertRejected(Path file, String problemPart) {
    InputDataException e = assertThrows(InputDataException.class, () -> ShapefileReader.read(file));
    assertTrue(
        e.problem().contains(problemPart),
        () -> "problem '" + e.problem() + "' should contain '" + problemPart + "'");
    assertEquals(e.file() + ": " + e.problem(), e.getMessage());
    return e;
  }

  private static void patch(Path file, int offset, ByteOrder order, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(order).putInt(offset, value);
    Files.write(file, bytes);
  }

  // ---- geometry ------------------------------------------------------------------------------

  @Test
  void polygonWithHoleKeepsTheHole() throws IOException {
    VectorLayer layer = ShapefileReader.read(sample());
    assertEquals("sample", layer.name());
    assertEquals(ShapefileFixtures.WGS84, layer.prjWkt());
    assertEquals(List.of("NAME", "POP"), layer.fieldNames());
    assertEquals(3, layer.features().size());
    Geometry g = layer.features().get(0).geometry();
    assertInstanceOf(Polygon.class, g);
    assertEquals(1, ((Polygon) g).getNumInteriorRing());
    assertSameShape(SQUARE_WITH_HOLE, g);
  }

  @Test
  void multipartPolygonBecomesMultiPolygonWithTheHoleInItsOwnShell() throws IOException {
    Geometry g = ShapefileReader.read(sample()).features().get(1).geometry();
    assertInstanceOf(MultiPolygon.class, g);
    assertSameShape(
        "MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)),((40 0,50 0,50 10,40 10,40 0),(41 1,42 1,42 2,41 2,41 1)))",
        g);
  }

  @Test
  void holeGoesToTheSmallestContainingShell() throws IOException {
    String islandInLake =
        "MULTIPOLYGON(((0 0,100 0,100 100,0 100,0 0),(10 10,90 10,90 90,10 90,10 10)),"
            + "((20 20,80 20,80 80,20 80,20 20),(30 30,70 30,70 70,30 70,30 30)))";
    List<Coordinate[]> rings = ShapefileFixtures.rings(ShapefileFixtures.read(islandInLake));
    // holes first, shells last: assignment must not depend on ring order
    Spec spec =
        spec()
            .addRings(List.of(rings.get(3), rings.get(1), rings.get(2), rings.get(0)), "Lake", "1");
    assertSameShape(
        islandInLake,
        ShapefileReader.read(ShapefileFixtures.write(dir, "lake", spec))
            .features()
            .get(0)
            .geometry());
  }

  @Test
  void polygonZAndPolygonMAreReadIgnoringZAndM() throws IOException {
    for (int type : new int[] {15, 25}) {
      Spec spec = spec().add(SQUARE_WITH_HOLE, "Z", "1");
      spec.shapeType = type;
      Geometry g =
          ShapefileReader.read(ShapefileFixtures.write(dir, "zm" + type, spec))
              .features()
              .get(0)
              .geometry();
      assertSameShape(SQUARE_WITH_HOLE, g);
      assertTrue(Double.isNaN(g.getCoordinate().getZ()), "Z is ignored");
    }
  }

  @Test
  void nullShapeHasNoGeometryButKeepsItsAttributes() throws IOException {
    VectorFeature f = ShapefileReader.read(sample()).features().get(2);
    assertNull(f.geometry());
    assertEquals(Map.of("NAME", "Gamma", "POP", 30L), f.attributes());
  }

  @Test
  void unclosedRingIsClosedAndTooShortRingIsDropped() throws IOException {
    Coordinate[] unclosedClockwise = {
      new Coordinate(0, 0), new Coordinate(0, 5), new Coordinate(5, 5), new Coordinate(5, 0)
    };
    Coordinate[] twoPoints = {new Coordinate(1, 1), new Coordinate(2, 2)};
    Spec spec =
        spec()
            .addRings(List.of(unclosedClockwise, twoPoints), "Open", "1")
            .addRings(List.<Coordinate[]>of(twoPoints), "Nothing", "2");
    VectorLayer layer = ShapefileReader.read(ShapefileFixtures.write(dir, "open", spec));
    assertSameShape("POLYGON((0 0,0 5,5 5,5 0,0 0))", layer.features().get(0).geometry());
    assertNull(layer.features().get(1).geometry(), "a shape with no usable ring has no geometry");
  }

  @Test
  void holeOutsideEveryShellBecomesAShell() throws IOException {
    List<Coordinate[]> rings = ShapefileFixtures.rings(ShapefileFixtures.read(SQUARE_WITH_HOLE));
    Spec spec = spec().addRings(List.<Coordinate[]>of(rings.get(1)), "Orphan", "1");
    assertSameShape(
        "POLYGON((2 2,4 2,4 4,2 4,2 2))",
        ShapefileReader.read(ShapefileFixtures.write(dir, "orphan", spec))
            .features()
            .get(0)
            .geometry());
  }

  @Test
  void zeroRecordsGiveAnEmptyLayer() throws IOException {
    VectorLayer layer = ShapefileReader.read(ShapefileFixtures.write(dir, "empty", spec()));
    assertTrue(layer.features().isEmpty());
    assertEquals(List.of("NAME", "POP"), layer.fieldNames());
  }

  @Test
  void upperCaseExtensionsAreFound() throws IOException {
    sample();
    for (String ext : new String[] {"shp", "shx", "dbf", "prj"}) {
      Files.move(
          dir.resolve("sample." + ext), dir.resolve("sample." + ext.toUpperCase(Locale.ROOT)));
    }
    assertEquals(3, ShapefileReader.read(dir.resolve("sample.SHP")).features().size());
  }

  // ---- attributes ----------------------------------------------------------------------------

  private Map<String, Object> singleRow(Spec spec) throws IOException {
    return ShapefileReader.read(ShapefileFixtures.write(dir, "attrs", spec.add(SQUARE_WITH_HOLE)))
        .features()
        .get(0)
        .attributes();
  }

  private Spec textSpec(Charset charset, String cpg, Object value) {
    Spec spec = new Spec().fields(Field.text("NAME", 40));
    spec.charset = charset;
    spec.cpg = cpg;
    spec.add(SQUARE_WITH_HOLE, value);
    return spec;
  }

  @Test
  void utf8TextIsDecodedWhenTheCpgSaysUtf8() throws IOException {
    String name = "Ste. Geneviève – Saint-Étienne";
    for (String cpg : new String[] {"UTF-8", "UTF8\r\n"}) {
      Path shp = ShapefileFixtures.write(dir, "utf8", textSpec(StandardCharsets.UTF_8, cpg, name));
      assertEquals(name, ShapefileReader.read(shp).features().get(0).attributes().get("NAME"));
    }
  }

  @Test
  void textIsDecodedAsLatin1WithoutACpg() throws IOException {
    Path shp =
        ShapefileFixtures.write(
            dir, "latin1", textSpec(StandardCharsets.ISO_8859_1, null, "Café Élysée"));
    assertEquals(
        "Café Élysée", ShapefileReader.read(shp).features().get(0).attributes().get("NAME"));
  }

  @Test
  void codePage1252MeansWindows1252() throws IOException {
    Path shp =
        ShapefileFixtures.write(
            dir, "cp1252", textSpec(Charset.forName("windows-1252"), "1252", "€ “quoted”"));
    assertEquals(
        "€ “quoted”", ShapefileReader.read(shp).features().get(0).attributes().get("NAME"));
  }

  @Test
  void unknownCpgCharsetIsRejected() throws IOException {
    Path shp =
        ShapefileFixtures.write(dir, "klingon", textSpec(StandardCharsets.UTF_8, "KLINGON-8", "x"));
    assertTrue(
        assertRejected(shp, "unknown character set 'KLINGON-8'")
            .file()
            .toString()
            .endsWith(".cpg"));
  }

  @Test
  void textInvalidInTheCpgCharsetNamesRecordAndField() throws IOException {
    Path shp =
        ShapefileFixtures.write(
            dir,
            "bad",
            textSpec(StandardCharsets.UTF_8, "UTF-8", new byte[] {'A', (byte) 0xC3, '(', 'B'}));
    InputDataException e = assertRejected(shp, "record 1, field NAME");
    assertTrue(e.problem().contains("UTF-8"));
    assertTrue(e.file().toString().endsWith("bad.dbf"));
  }

  @Test
  void zeroDateStarNumberAndBlankTextBecomeNull() throws IOException {
    Spec spec =
        new Spec()
            .fields(
                Field.text("A", 10),
                Field.text("B", 10),
                Field.number("N", 6, 0),
                Field.number("STARS", 6, 0),
                Field.number("X", 10, 3),
                Field.date("D"),
                Field.date("ZERO"));
    spec.add(SQUARE_WITH_HOLE, "  padded", "   ", "42", "******", "-1.250", "20190704", "00000000");
    Map<String, Object> row = singleRow(spec);
    assertEquals("padded", row.get("A"));
    assertNull(row.get("B"));
    assertEquals(42L, row.get("N"));
    assertNull(row.get("STARS"));
    assertEquals(-1.25, row.get("X"));
    assertEquals("2019-07-04", row.get("D"));
    assertNull(row.get("ZERO"));
    assertEquals(
        List.of("A", "B", "N", "STARS", "X", "D", "ZERO"),
        List.copyOf(row.keySet()),
        "field order is kept");
  }

  // ---- broken input --------------------------------------------------------------------------

  @Test
  void missingShxNamesTheFile() throws IOException {
    Files.delete(sample().resolveSibling("sample.shx"));
    assertEquals(
        dir.resolve("sample.shx"),
        assertRejected(dir.resolve("sample.shp"), "missing .shx").file());
  }

  @Test
  void missingDbfNamesTheFile() throws IOException {
    Files.delete(sample().resolveSibling("sample.dbf"));
    assertEquals(
        dir.resolve("sample.dbf"),
        assertRejected(dir.resolve("sample.shp"), "missing .dbf").file());
  }

  @Test
  void missingPrjNamesTheFile() throws IOException {
    Files.delete(sample().resolveSibling("sample.prj"));
    InputDataException e =
        assertRejected(dir.resolve("sample.shp"), "missing .prj: the CRS is unknown");
    assertEquals(dir.resolve("sample.prj"), e.file());
  }

  @Test
  void emptyShpIsRejected() throws IOException {
    Files.write(sample(), new byte[0]);
    assertRejected(dir.resolve("sample.shp"), "empty file (0 bytes)");
  }

  @Test
  void truncatedShpIsRejected() throws IOException {
    Path shp = sample();
    byte[] bytes = Files.readAllBytes(shp);
    Files.write(shp, Arrays.copyOf(bytes, bytes.length - 20));
    assertRejected(shp, "truncated");
    // the same, with the header's file length made to agree: record 2 now runs past the end
    patch(shp, 24, ByteOrder.BIG_ENDIAN, (bytes.length - 20) / 2);
    assertRejected(shp, "record 2: truncated");
  }

  @Test
  void wrongFileCodeIsRejected() throws IOException {
    Path shp = sample();
    patch(shp, 0, ByteOrder.BIG_ENDIAN, 0x504B0304);
    assertRejected(shp, "file code");
  }

  @Test
  void recordCountMismatchNamesBothCounts() throws IOException {
    Path shp = sample();
    Spec fourRows =
        spec().add(null, "a", "1").add(null, "b", "2").add(null, "c", "3").add(null, "d", "4");
    Files.write(dir.resolve("sample.dbf"), ShapefileFixtures.dbf(fourRows));
    InputDataException e = assertRejected(shp, "record count mismatch");
    assertTrue(e.problem().contains("has 4 records") && e.problem().contains("has 3"), e.problem());
  }

  @Test
  void pointLayerIsRejected() throws IOException {
    Spec points = spec();
    points.shapeType = 1;
    assertRejected(
        ShapefileFixtures.write(dir, "points", points),
        "not a polygon layer (shape type 1: Point)");
    points.shapeType = 77;
    assertRejected(
        ShapefileFixtures.write(dir, "odd", points),
        "not a polygon layer (shape type 77: unknown)");
  }

  @Test
  void corruptPointCountFailsFast() throws IOException {
    Path shp = sample();
    patch(shp, 100 + 8 + 40, ByteOrder.LITTLE_ENDIAN, 1 << 30); // numPoints of record 1
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertRejected(shp, "record 1: corrupt polygon"));
  }

  @Test
  void offsetBeyondTheEndOfTheShpIsRejected() throws IOException {
    Path shp = sample();
    patch(dir.resolve("sample.shx"), 100 + 8, ByteOrder.BIG_ENDIAN, 1 << 28); // offset of record 2
    assertRejected(shp, "record 2: offset");
  }

  @Test
  void randomCorruptionGivesAResultOrInputDataExceptionOnly() throws IOException {
    Path shp = sample();
    String[] exts = {"shp", "shx", "dbf"};
    byte[][] originals = new byte[3][];
    for (int i = 0; i < 3; i++) {
      originals[i] = Files.readAllBytes(dir.resolve("sample." + exts[i]));
    }
    Random random = new Random(20240611L);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          int rejected = 0;
          for (int iteration = 0; iteration < 300; iteration++) {
            int target = random.nextInt(3);
            byte[] bytes = originals[target].clone();
            if (random.nextInt(4) == 0) {
              bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
              for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
              }
            }
            for (int i = 0; i < 3; i++) {
              Files.write(dir.resolve("sample." + exts[i]), i == target ? bytes : originals[i]);
            }
            try {
              ShapefileReader.read(shp);
            } catch (InputDataException expected) {
              rejected++;
            } catch (RuntimeException | Error e) {
              fail("iteration " + iteration + " (" + exts[target] + "): " + e, e);
            }
          }
          assertTrue(rejected > 50, "most corruptions are detected, got " + rejected);
        });
  }

  // ---- real data -----------------------------------------------------------------------------

  @Test
  void tigerMissouriPlacesAreRead() {
    assumeTrue(Files.isRegularFile(TIGER), "TIGER sample not present");
    VectorLayer layer = ShapefileReader.read(TIGER);
    assertEquals("tl_2019_29_place", layer.name());
    assertEquals(1032, layer.features().size());
    assertTrue(
        layer.fieldNames().containsAll(List.of("GEOID", "NAME", "CLASSFP")),
        layer.fieldNames().toString());
    assertTrue(layer.prjWkt().startsWith("GEOGCS[\"GCS_North_American_1983\""));
    for (VectorFeature f : layer.features()) {
      assertTrue(
          f.geometry() instanceof Polygon || f.geometry() instanceof MultiPolygon,
          f.attributes().toString());
      assertTrue(f.attributes().get("GEOID") instanceof String geoid && geoid.startsWith("29"));
    }
    long stLouis =
        layer.features().stream()
            .filter(f -> "St. Louis".equals(f.attributes().get("NAME")))
            .count();
    assertEquals(1, stLouis);
  }
}
