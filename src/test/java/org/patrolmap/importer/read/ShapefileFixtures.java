package org.patrolmap.importer.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Test-only writer of tiny shapefiles (.shp, .shx, .dbf, .prj, optional .cpg), so tests build their
 * own fixtures. Shapes are given as raw rings (written as-is) or from JTS polygons (shells written
 * clockwise, holes counter-clockwise, as the format requires).
 */
final class ShapefileFixtures {
  static final String WGS84 =
      "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137,298.257223563]],"
          + "PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.0174532925199433]]";

  /** A dBase field: type C, N, F, D or L. */
  record Field(String name, char type, int length, int decimals) {
    static Field text(String name, int length) {
      return new Field(name, 'C', length, 0);
    }

    static Field number(String name, int length, int decimals) {
      return new Field(name, 'N', length, decimals);
    }

    static Field date(String name) {
      return new Field(name, 'D', 8, 0);
    }
  }

  /**
   * A fixture to write: shape type, one shape (list of rings, or null for a null shape) per record,
   * and the table.
   */
  static final class Spec {
    int shapeType = 5;
    final List<List<Coordinate[]>> shapes = new ArrayList<>();
    final List<Field> fields = new ArrayList<>();

    /**
     * Per record, per field: a String (encoded in {@link #charset}), raw byte[], or null (blanks).
     */
    final List<Object[]> rows = new ArrayList<>();

    Charset charset = StandardCharsets.ISO_8859_1;
    String cpg;
    String prj = WGS84;

    Spec fields(Field... f) {
      fields.addAll(Arrays.asList(f));
      return this;
    }

    /**
     * Adds a record whose shape is the given polygon/multipolygon WKT, or a null shape for null.
     */
    Spec add(String wkt, Object... values) {
      return addRings(wkt == null ? null : rings(read(wkt)), values);
    }

    Spec addRings(List<Coordinate[]> rings, Object... values) {
      shapes.add(rings);
      rows.add(values);
      return this;
    }
  }

  private ShapefileFixtures() {}

  static Geometry read(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /**
   * The rings of a polygonal geometry in shapefile orientation: shells clockwise, holes
   * counter-clockwise.
   */
  static List<Coordinate[]> rings(Geometry g) {
    List<Coordinate[]> rings = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      rings.add(oriented(p.getExteriorRing().getCoordinates(), false));
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        rings.add(oriented(p.getInteriorRingN(h).getCoordinates(), true));
      }
    }
    return rings;
  }

  private static Coordinate[] oriented(Coordinate[] ring, boolean ccw) {
    Coordinate[] copy = ring.clone();
    if (Orientation.isCCW(copy) != ccw) {
      java.util.Collections.reverse(Arrays.asList(copy));
    }
    return copy;
  }

  /**
   * Writes {@code base}.shp/.shx/.dbf/.prj (and .cpg when set) into {@code dir}; returns the .shp
   * path.
   */
  static Path write(Path dir, String base, Spec spec) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    Envelope all = new Envelope();
    for (List<Coordinate[]> shape : spec.shapes) {
      contents.add(shape == null ? nullShape() : polygon(spec.shapeType, shape, all));
    }
    ByteArrayOutputStream shp = new ByteArrayOutputStream();
    ByteArrayOutputStream shx = new ByteArrayOutputStream();
    int shpLength = 100 + contents.stream().mapToInt(c -> 8 + c.length).sum();
    shp.write(header(spec.shapeType, shpLength, all));
    shx.write(header(spec.shapeType, 100 + 8 * contents.size(), all));
    int offset = 100;
    for (int i = 0; i < contents.size(); i++) {
      byte[] c = contents.get(i);
      shp.write(ByteBuffer.allocate(8).putInt(i + 1).putInt(c.length / 2).array());
      shp.write(c);
      shx.write(ByteBuffer.allocate(8).putInt(offset / 2).putInt(c.length / 2).array());
      offset += 8 + c.length;
    }
    Path shpPath = dir.resolve(base + ".shp");
    Files.write(shpPath, shp.toByteArray());
    Files.write(dir.resolve(base + ".shx"), shx.toByteArray());
    Files.write(dir.resolve(base + ".dbf"), dbf(spec));
    if (spec.prj != null) {
      Files.writeString(dir.resolve(base + ".prj"), spec.prj);
    }
    if (spec.cpg != null) {
      Files.writeString(dir.resolve(base + ".cpg"), spec.cpg);
    }
    return shpPath;
  }

  private static byte[] header(int shapeType, int fileLength, Envelope box) {
    ByteBuffer b = ByteBuffer.allocate(100);
    b.putInt(0, 9994).putInt(24, fileLength / 2);
    b.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, shapeType);
    if (!box.isNull()) {
      b.putDouble(36, box.getMinX())
          .putDouble(44, box.getMinY())
          .putDouble(52, box.getMaxX())
          .putDouble(60, box.getMaxY());
    }
    return b.array();
  }

  private static byte[] nullShape() {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0).array();
  }

  /**
   * Polygon (5), PolygonZ (15, with z = 100 + index and an M block) or PolygonM (25) record
   * content.
   */
  private static byte[] polygon(int type, List<Coordinate[]> rings, Envelope all) {
    int n = rings.stream().mapToInt(r -> r.length).sum();
    int size =
        44
            + 4 * rings.size()
            + 16 * n
            + (type == 15 ? 2 * (16 + 8 * n) : type == 25 ? 16 + 8 * n : 0);
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    Envelope box = new Envelope();
    rings.forEach(r -> Arrays.stream(r).forEach(box::expandToInclude));
    all.expandToInclude(box);
    b.putInt(type)
        .putDouble(box.getMinX())
        .putDouble(box.getMinY())
        .putDouble(box.getMaxX())
        .putDouble(box.getMaxY());
    b.putInt(rings.size()).putInt(n);
    int start = 0;
    for (Coordinate[] r : rings) {
      b.putInt(start);
      start += r.length;
    }
    rings.forEach(r -> Arrays.stream(r).forEach(c -> b.putDouble(c.x).putDouble(c.y)));
    if (type == 15) {
      b.putDouble(100).putDouble(100 + n - 1);
      for (int i = 0; i < n; i++) {
        b.putDouble(100 + i);
      }
    }
    if (type == 15 || type == 25) {
      b.putDouble(0).putDouble(0);
      for (int i = 0; i < n; i++) {
        b.putDouble(0);
      }
    }
    return b.array();
  }

  /** A minimal dBase III file: 32-byte header, 32-byte field descriptors, 0x0D, records, 0x1A. */
  static byte[] dbf(Spec spec) {
    int recordLength = 1 + spec.fields.stream().mapToInt(Field::length).sum();
    int headerLength = 32 + 32 * spec.fields.size() + 1;
    ByteBuffer b =
        ByteBuffer.allocate(headerLength + recordLength * spec.rows.size() + 1)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 3)
        .put((byte) 124)
        .put((byte) 1)
        .put((byte) 1)
        .putInt(spec.rows.size())
        .putShort((short) headerLength)
        .putShort((short) recordLength)
        .put(new byte[20]);
    for (Field f : spec.fields) {
      byte[] name = Arrays.copyOf(f.name().getBytes(StandardCharsets.US_ASCII), 11);
      b.put(name)
          .put((byte) f.type())
          .putInt(0)
          .put((byte) f.length())
          .put((byte) f.decimals())
          .put(new byte[14]);
    }
    b.put((byte) 0x0D);
    for (Object[] row : spec.rows) {
      b.put((byte) ' ');
      for (int i = 0; i < spec.fields.size(); i++) {
        Field f = spec.fields.get(i);
        Object v = i < row.length ? row[i] : null;
        byte[] raw =
            v instanceof byte[] bytes
                ? bytes
                : v == null ? new byte[0] : v.toString().getBytes(spec.charset);
        byte[] cell = new byte[f.length()];
        Arrays.fill(cell, (byte) ' ');
        int len = Math.min(raw.length, cell.length);
        // text left-aligned, numbers right-aligned, as dBase writes them
        System.arraycopy(raw, 0, cell, f.type() == 'N' ? cell.length - len : 0, len);
        b.put(cell);
      }
    }
    b.put((byte) 0x1A);
    return b.array();
  }
}
