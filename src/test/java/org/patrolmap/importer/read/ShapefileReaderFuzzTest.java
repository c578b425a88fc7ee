package org.patrolmap.importer.read;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.importer.read.ShapefileFixtures.Field;
import org.patrolmap.importer.read.ShapefileFixtures.Spec;

/**
 * Corrupted shapefiles (.shp, .shx, .dbf, .prj, .cpg: flipped bytes, hostile header integers,
 * truncation, appended garbage, random replacement, missing sidecars) are either still readable or
 * rejected with an {@link InputDataException} naming the file — never another exception, never a
 * hang (10 s guard, not a performance assertion) and never an out-of-memory error.
 */
class ShapefileReaderFuzzTest {
  private static final List<String> EXTENSIONS = List.of(".shp", ".shx", ".dbf", ".prj", ".cpg");
  private static final int[] HOSTILE_INTS = {
    0,
    -1,
    1,
    2,
    5,
    8,
    100,
    9994,
    1000,
    0x7FFF,
    0xFFFF,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    0x7FFFFFF0,
    1 << 20
  };
  private static final Map<String, LongAdder> OUTCOMES = new ConcurrentHashMap<>();

  /** One corruption of one file of the fixture. */
  record Corruption(String kind, String extension, int position, int value, byte[] bytes) {
    void apply(Path dir) throws IOException {
      Path f = dir.resolve("fuzz" + extension);
      byte[] b = Files.readAllBytes(f);
      switch (kind) {
        case "flip" -> {
          if (b.length > 0) {
            for (int i = 0; i < bytes.length; i++) {
              b[Math.floorMod(position + 37 * i * value, b.length)] = bytes[i];
            }
          }
        }
        case "int-be", "int-le" -> {
          if (b.length >= 4) {
            ByteBuffer.wrap(b)
                .order(kind.equals("int-be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .putInt(Math.floorMod(position, b.length - 3), value);
          }
        }
        case "truncate" ->
            b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : Math.floorMod(position, b.length));
        case "append" -> {
          byte[] n = java.util.Arrays.copyOf(b, b.length + bytes.length);
          System.arraycopy(bytes, 0, n, b.length, bytes.length);
          b = n;
        }
        case "replace" -> b = bytes;
        case "delete" -> {
          Files.delete(f);
          return;
        }
        default -> throw new IllegalArgumentException(kind);
      }
      Files.write(f, b);
    }
  }

  @Property(tries = 500)
  void corruptedShapefileIsReadOrRejectedWithInputDataException(@ForAll("corruption") Corruption c)
      throws IOException {
    Path dir = Files.createTempDirectory("patrolmap-shp-fuzz");
    try {
      Path shp = ShapefileFixtures.write(dir, "fuzz", sample());
      c.apply(dir);
      String outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () -> {
                try {
                  VectorLayer layer = ShapefileReader.read(shp);
                  return "read (" + layer.features().size() + " features)";
                } catch (InputDataException e) {
                  if (e.file() == null || e.problem() == null || e.problem().isBlank()) {
                    fail("InputDataException without file or problem: " + e.getMessage());
                  }
                  return "rejected";
                } catch (OutOfMemoryError | StackOverflowError e) {
                  fail(c + " made the reader fail with " + e);
                  return null;
                } catch (RuntimeException e) {
                  fail(
                      c.kind()
                          + " "
                          + c.extension()
                          + " gave "
                          + e
                          + " instead of an InputDataException",
                      e);
                  return null;
                }
              },
              () -> c.kind() + " " + c.extension() + " made the reader hang");
      OUTCOMES
          .computeIfAbsent(outcome.startsWith("read") ? "read" : "rejected", k -> new LongAdder())
          .increment();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterContainer
  static void summary() {
    Map<String, Long> m = new TreeMap<>();
    OUTCOMES.forEach((k, v) -> m.put(k, v.sum()));
    System.out.println("shapefile-fuzz-summary " + m);
  }

  /**
   * Five records: polygon with hole, two-part polygon, null shape, triangle, square; UTF-8 text,
   * numbers, dates (blank and 00000000 too).
   */
  private static Spec sample() {
    Spec s =
        new Spec()
            .fields(
                Field.text("NAME", 20),
                Field.number("POP", 9, 0),
                Field.number("AREA", 12, 3),
                Field.date("SINCE"));
    s.cpg = "UTF-8";
    s.charset = java.nio.charset.StandardCharsets.UTF_8;
    return s.add(
            "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "Alpha",
            "10",
            "1.5",
            "20200101")
        .add(
            "MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)),((40 0,50 0,50 10,40 10,40 0)))",
            "Beta",
            "20",
            "2.25",
            "19991231")
        .add(null, "Gamma", "30", null, "00000000")
        .add("POLYGON((60 0,70 0,65 8,60 0))", "Ünïcødé", "", "", "")
        .add("POLYGON((80 0,90 0,90 10,80 10,80 0))", "Delta", "99999", "0.001", "20240229");
  }

  @Provide
  Arbitrary<Corruption> corruption() {
    Arbitrary<String> kind =
        Arbitraries.of(
            "flip",
            "flip",
            "int-be",
            "int-le",
            "int-le",
            "truncate",
            "append",
            "replace",
            "delete");
    Arbitrary<String> ext = Arbitraries.of(EXTENSIONS);
    Arbitrary<Integer> position =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 2000));
    Arbitrary<Integer> value =
        Arbitraries.oneOf(
            Arbitraries.of(java.util.Arrays.stream(HOSTILE_INTS).boxed().toList()),
            Arbitraries.integers());
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    return Combinators.combine(kind, ext, position, value, bytes).as(Corruption::new);
  }
}
