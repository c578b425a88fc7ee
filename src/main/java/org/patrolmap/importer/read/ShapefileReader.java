package org.patrolmap.importer.read;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.patrolmap.importer.InputDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ESRI polygon shapefile ({@code .shp} with its {@code .shx}, {@code .dbf}, {@code .prj}
 * and optional {@code .cpg}) into a {@link VectorLayer}, without GeoTools.
 *
 * <p>Geometries are built as stored, never repaired: clockwise rings are shells, counter-clockwise
 * rings are holes of the smallest shell containing them. Leniencies (closing unclosed rings,
 * dropping rings with fewer than 4 points, turning holes outside every shell into shells) are
 * counted and logged once per layer. Z and M values are ignored. A null shape, or a shape whose
 * rings were all dropped, gives a {@code null} geometry. Rows marked deleted in the {@code .dbf}
 * are skipped together with their shapes.
 *
 * <p>Attribute values: character fields as trimmed {@link String} (empty gives {@code null}),
 * decoded strictly in the {@code .cpg} charset (ISO-8859-1 without one); numeric fields as {@link
 * Long} without decimals, else {@link Double} ({@code ****} or blank gives {@code null}); dates as
 * ISO-8601 {@code yyyy-MM-dd} strings ({@code 00000000} gives {@code null}); logicals as {@link
 * Boolean}. So values are String, Number, Boolean or null, as from {@link GeoJsonFileReader}.
 *
 * <p>Every problem with the input is reported as an {@link InputDataException}.
 */
public final class ShapefileReader {
  private static final Logger LOG = LoggerFactory.getLogger(ShapefileReader.class);
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 0);
  private static final int HEADER = 100;

  private ShapefileReader() {}

  /**
   * Reads the shapefile at {@code shpPath}; the sidecar files are found next to it, ignoring case.
   */
  public static VectorLayer read(Path shpPath) {
    String fileName = shpPath.getFileName().toString();
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(".shp")) {
      throw new InputDataException(shpPath, "not a .shp file");
    }
    if (!Files.isRegularFile(shpPath)) {
      throw new InputDataException(shpPath, "file not found");
    }
    String base = fileName.substring(0, fileName.length() - 4);
    Path shx = sidecar(shpPath, base, ".shx", "the record index is needed to read the shapes");
    Path dbf = sidecar(shpPath, base, ".dbf", "the attribute table is missing");
    Path prj = sidecar(shpPath, base, ".prj", "the CRS is unknown");
    Path cpg = sidecar(shpPath, base, ".cpg", null);

    Stats stats = new Stats();
    List<Geometry> shapes = readShapes(shpPath, shx, stats);
    int count = shapes.size();
    String prjWkt = readPrj(prj);
    Charset charset = cpg == null ? StandardCharsets.ISO_8859_1 : charsetOf(cpg);

    List<String> fieldNames = new ArrayList<>();
    List<VectorFeature> features = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(dbf))) {
      if (Files.size(dbf) == 0) {
        throw new InputDataException(dbf, "empty file (0 bytes)");
      }
      // ISO-8859-1 maps bytes 1:1 to chars, so character fields can be re-decoded strictly below.
      DBFReader table =
          dbfCall(
              dbf,
              "not a readable dBase file",
              () -> new DBFReader(in, StandardCharsets.ISO_8859_1, true));
      DBFField[] fields = new DBFField[table.getFieldCount() - 1]; // field 0 is the "deleted" flag
      for (int f = 0; f < fields.length; f++) {
        fields[f] = table.getField(f + 1);
        String name = decode(fields[f].getName(), charset, dbf, "field name " + (f + 1)).trim();
        if (fieldNames.contains(name)) {
          throw new InputDataException(dbf, "duplicate field name " + name);
        }
        fieldNames.add(name);
      }
      if (table.getRecordCount() != count) {
        throw new InputDataException(
            dbf,
            "record count mismatch: "
                + dbf.getFileName()
                + " has "
                + table.getRecordCount()
                + " records, "
                + shx.getFileName()
                + " has "
                + count);
      }
      for (int i = 0; i < count; i++) {
        int recNo = i + 1;
        Object[] row = dbfCall(dbf, "record " + recNo + " is unreadable", table::nextRecord);
        if (row == null) {
          throw new InputDataException(
              dbf, "truncated: record " + recNo + " of " + count + " is missing");
        }
        if (Boolean.TRUE.equals(row[0])) {
          continue;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int f = 0; f < fields.length; f++) {
          attributes.put(
              fieldNames.get(f),
              value(fields[f], row[f + 1], charset, dbf, recNo, fieldNames.get(f)));
        }
        features.add(new VectorFeature(shapes.get(i), attributes));
      }
    } catch (IOException e) {
      throw new InputDataException(dbf, "cannot read: " + e, e);
    }
    if (stats.any()) {
      LOG.warn(
          "{}: lenient ring handling: {} unclosed rings closed, {} rings with < 4 points dropped, {} holes outside every shell kept as shells",
          shpPath,
          stats.closed,
          stats.dropped,
          stats.orphanHoles);
    }
    return new VectorLayer(base, shpPath, prjWkt, fieldNames, features);
  }

  // ---- files ----------------------------------------------------------------------------------

  private static Path sidecar(Path shp, String base, String ext, String whyNeeded) {
    Path exact = shp.resolveSibling(base + ext);
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    Path dir = shp.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(dir)) {
      Path found =
          files
              .filter(p -> p.getFileName().toString().equalsIgnoreCase(base + ext))
              .findFirst()
              .orElse(null);
      if (found != null || whyNeeded == null) {
        return found;
      }
    } catch (IOException e) {
      throw new InputDataException(dir, "cannot list directory: " + e, e);
    }
    throw new InputDataException(exact, "missing " + ext + ": " + whyNeeded);
  }

  /**
   * Reads a .shp or .shx and validates its 100-byte header; returns a big-endian buffer of the
   * whole file.
   */
  private static ByteBuffer readHeadered(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > Integer.MAX_VALUE - 8) {
        throw new InputDataException(
            file, "too large for a shapefile (" + Files.size(file) + " bytes)");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputDataException(file, "file not found", e);
    } catch (IOException e) {
      throw new InputDataException(file, "cannot read: " + e, e);
    }
    if (bytes.length == 0) {
      throw new InputDataException(file, "empty file (0 bytes)");
    }
    if (bytes.length < HEADER) {
      throw new InputDataException(
          file, "too short for a shapefile header (" + bytes.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (buf.getInt(0) != 9994) {
      throw new InputDataException(
          file, "not a shapefile (file code " + buf.getInt(0) + ", expected 9994)");
    }
    long declared = (buf.getInt(24) & 0xFFFFFFFFL) * 2;
    if (declared != bytes.length) {
      throw new InputDataException(
          file,
          (declared > bytes.length ? "truncated: " : "size mismatch: ")
              + "header says "
              + declared
              + " bytes, file has "
              + bytes.length);
    }
    if (littleEndianInt(buf, 28) != 1000) {
      throw new InputDataException(
          file, "unsupported shapefile version " + littleEndianInt(buf, 28) + " (expected 1000)");
    }
    return buf;
  }

  private static int littleEndianInt(ByteBuffer bigEndian, int at) {
    return Integer.reverseBytes(bigEndian.getInt(at));
  }

  private static String readPrj(Path prj) {
    String wkt;
    try {
      wkt =
          decode(
                  new String(Files.readAllBytes(prj), StandardCharsets.ISO_8859_1),
                  StandardCharsets.UTF_8,
                  prj,
                  "content")
              .replace("\uFEFF", "")
              .trim();
    } catch (IOException e) {
      throw new InputDataException(prj, "cannot read: " + e, e);
    }
    if (wkt.isEmpty()) {
      throw new InputDataException(prj, "empty .prj: the CRS is unknown");
    }
    return wkt;
  }

  /** The charset named by a .cpg file: a Java charset name, or an ANSI code page number. */
  private static Charset charsetOf(Path cpg) {
    String name;
    try {
      name = Files.readString(cpg, StandardCharsets.ISO_8859_1).trim();
    } catch (IOException e) {
      throw new InputDataException(cpg, "cannot read: " + e, e);
    }
    String javaName = name;
    if (name.equals("65001")) {
      javaName = "UTF-8";
    } else if (name.matches("8859\\d{1,2}")) {
      javaName = "ISO-8859-" + name.substring(4);
    } else if (name.matches("\\d{3,4}")) {
      javaName = "windows-" + name;
    }
    try {
      if (!name.isEmpty() && Charset.isSupported(javaName)) {
        return Charset.forName(javaName);
      }
    } catch (IllegalCharsetNameException e) {
      throw new InputDataException(cpg, "unknown character set '" + name + "'", e);
    }
    throw new InputDataException(cpg, "unknown character set '" + name + "'");
  }

  // ---- attributes -----------------------------------------------------------------------------

  /** javadbf reports corrupt data as assorted runtime exceptions; name the file and the problem. */
  private static <T> T dbfCall(Path dbf, String problem, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw new InputDataException(dbf, problem + ": " + e.getMessage(), e);
    }
  }

  private static Object value(
      DBFField field, Object raw, Charset charset, Path dbf, int recNo, String name) {
    if (raw == null) {
      return null;
    }
    DBFDataType type = field.getType();
    if (type == DBFDataType.CHARACTER && raw instanceof String s) {
      String text = decode(s, charset, dbf, "record " + recNo + ", field " + name).trim();
      return text.isEmpty() ? null : text;
    }
    if ((type == DBFDataType.NUMERIC || type == DBFDataType.FLOATING_POINT)
        && raw instanceof BigDecimal n) {
      if (field.getDecimalCount() == 0 && n.scale() <= 0 && n.precision() - n.scale() <= 18) {
        return n.longValue();
      }
      return n.doubleValue();
    }
    if (raw instanceof Date date) {
      Calendar c =
          new GregorianCalendar(
              TimeZone.getDefault(), Locale.ROOT); // javadbf built the Date in the default zone
      c.setTime(date);
      // javadbf parses dates leniently: "00000000" comes back as a date in 2 BC.
      return c.get(Calendar.ERA) == GregorianCalendar.BC
          ? null
          : LocalDate.of(
                  c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH))
              .toString();
    }
    if (raw instanceof Boolean || raw instanceof Number) {
      return raw;
    }
    throw new InputDataException(dbf, "field " + name + " has unsupported dBase type " + type);
  }

  /** Re-decodes text read as ISO-8859-1 (one char per byte) strictly in {@code charset}. */
  private static String decode(String latin1, Charset charset, Path file, String where) {
    if (charset.equals(StandardCharsets.ISO_8859_1)) {
      return latin1;
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InputDataException(file, where + ": text is not valid " + charset.name(), e);
    }
  }

  // ---- shapes ---------------------------------------------------------------------------------

  private static boolean isPolygon(int type) {
    return type == 5 || type == 15 || type == 25;
  }

  private static String typeName(int type) {
    String zm = type > 20 ? "M" : type > 10 ? "Z" : "";
    return switch (type) {
      case 0 -> "Null";
      case 31 -> "MultiPatch";
      case 1, 11, 21 -> "Point" + zm;
      case 3, 13, 23 -> "PolyLine" + zm;
      case 5, 15, 25 -> "Polygon" + zm;
      case 8, 18, 28 -> "MultiPoint" + zm;
      default -> "unknown";
    };
  }

  /** Reads every shape listed in the .shx; null for null shapes. */
  private static List<Geometry> readShapes(Path shpPath, Path shx, Stats stats) {
    ByteBuffer shp = readHeadered(shpPath);
    int layerType = littleEndianInt(shp, 32);
    if (layerType != 0 && !isPolygon(layerType)) {
      throw new InputDataException(
          shpPath,
          "not a polygon layer (shape type " + layerType + ": " + typeName(layerType) + ")");
    }
    ByteBuffer index = readHeadered(shx);
    if (littleEndianInt(index, 32) != layerType) {
      throw new InputDataException(
          shx,
          "shape type " + littleEndianInt(index, 32) + " differs from the .shp's " + layerType);
    }
    if ((index.capacity() - HEADER) % 8 != 0) {
      throw new InputDataException(
          shx, "index size " + index.capacity() + " is not 100 + 8 bytes per record");
    }
    List<Geometry> shapes = new ArrayList<>();
    for (int i = 0; i < (index.capacity() - HEADER) / 8; i++) {
      shapes.add(readShape(shp, index, i, shpPath, stats));
    }
    return shapes;
  }

  private static Geometry readShape(
      ByteBuffer shp, ByteBuffer index, int i, Path file, Stats stats) {
    String rec = "record " + (i + 1) + ": ";
    long offset = (index.getInt(HEADER + 8 * i) & 0xFFFFFFFFL) * 2;
    if (offset < HEADER || offset + 8 > shp.capacity()) {
      throw new InputDataException(
          file, rec + "offset " + offset + " is outside the file (" + shp.capacity() + " bytes)");
    }
    long length = (shp.getInt((int) offset + 4) & 0xFFFFFFFFL) * 2;
    if (offset + 8 + length > shp.capacity()) {
      throw new InputDataException(
          file,
          rec
              + "truncated: "
              + length
              + " bytes at offset "
              + offset
              + " exceed the file ("
              + shp.capacity()
              + " bytes)");
    }
    if (length < 4) {
      throw new InputDataException(file, rec + "content too short (" + length + " bytes)");
    }
    ByteBuffer c = shp.slice((int) offset + 8, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    int type = c.getInt(0);
    if (type == 0) {
      return null;
    }
    if (!isPolygon(type)) {
      throw new InputDataException(
          file, rec + "shape type " + type + " (" + typeName(type) + ") is not a polygon");
    }
    int numParts = length >= 44 ? c.getInt(36) : -1;
    int numPoints = length >= 44 ? c.getInt(40) : -1;
    if (numParts < 0 || numPoints < 0 || 44L + 4L * numParts + 16L * numPoints > length) {
      throw new InputDataException(
          file,
          rec
              + "corrupt polygon: "
              + numParts
              + " parts and "
              + numPoints
              + " points do not fit in "
              + length
              + " bytes");
    }
    int pointsAt = 44 + 4 * numParts;
    List<Coordinate[]> rings = new ArrayList<>(numParts);
    for (int p = 0; p < numParts; p++) {
      int start = c.getInt(44 + 4 * p);
      int end = p + 1 < numParts ? c.getInt(44 + 4 * (p + 1)) : numPoints;
      if (start < 0 || start > end || end > numPoints) {
        throw new InputDataException(
            file,
            rec
                + "corrupt polygon: part "
                + p
                + " spans points "
                + start
                + " to "
                + end
                + " of "
                + numPoints);
      }
      Coordinate[] ring = new Coordinate[end - start];
      for (int k = 0; k < ring.length; k++) {
        int at = pointsAt + 16 * (start + k);
        double x = c.getDouble(at);
        double y = c.getDouble(at + 8);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          throw new InputDataException(
              file, rec + "corrupt polygon: point " + (start + k) + " is (" + x + ", " + y + ")");
        }
        ring[k] = new Coordinate(x, y);
      }
      rings.add(ring);
    }
    return assemble(rings, stats);
  }

  /** Lenient-ring counters for one layer. */
  private static final class Stats {
    int closed;
    int dropped;
    int orphanHoles;

    boolean any() {
      return closed + dropped + orphanHoles > 0;
    }
  }

  /**
   * Builds a Polygon or MultiPolygon from shapefile rings (CW shells, CCW holes); null if no ring
   * is usable.
   */
  private static Geometry assemble(List<Coordinate[]> parts, Stats stats) {
    List<Coordinate[]> shells = new ArrayList<>();
    List<Coordinate[]> holes = new ArrayList<>();
    for (Coordinate[] part : parts) {
      Coordinate[] ring = part;
      boolean unclosed = ring.length > 0 && !ring[0].equals2D(ring[ring.length - 1]);
      if (unclosed) {
        ring = Arrays.copyOf(ring, ring.length + 1);
        ring[ring.length - 1] = ring[0].copy();
      }
      if (ring.length >= 4 && unclosed) {
        stats.closed++;
      }
      if (ring.length < 4) {
        stats.dropped++;
      } else if (Area.ofRingSigned(ring) < 0) { // negative: counter-clockwise
        holes.add(ring);
      } else {
        shells.add(ring);
      }
    }
    int shellCount = shells.size();
    Envelope[] envelopes = new Envelope[shellCount];
    double[] areas = new double[shellCount];
    List<List<LinearRing>> holesOf = new ArrayList<>();
    for (int s = 0; s < shellCount; s++) {
      envelopes[s] = envelope(shells.get(s));
      areas[s] = Math.abs(Area.ofRingSigned(shells.get(s)));
      holesOf.add(new ArrayList<>());
    }
    for (Coordinate[] hole : holes) {
      Envelope env = envelope(hole);
      int best = -1;
      for (int s = 0; s < shellCount; s++) {
        if (envelopes[s].covers(env)
            && (best < 0 || areas[s] < areas[best])
            && inside(hole, shells.get(s))) {
          best = s;
        }
      }
      if (best >= 0) {
        holesOf.get(best).add(FACTORY.createLinearRing(hole));
      } else {
        stats.orphanHoles++;
        shells.add(hole);
        holesOf.add(new ArrayList<>());
      }
    }
    Polygon[] polygons = new Polygon[shells.size()];
    for (int s = 0; s < polygons.length; s++) {
      polygons[s] =
          FACTORY.createPolygon(
              FACTORY.createLinearRing(shells.get(s)), holesOf.get(s).toArray(new LinearRing[0]));
    }
    return polygons.length == 0
        ? null
        : polygons.length == 1 ? polygons[0] : FACTORY.createMultiPolygon(polygons);
  }

  private static Envelope envelope(Coordinate[] ring) {
    Envelope env = new Envelope();
    for (Coordinate c : ring) {
      env.expandToInclude(c);
    }
    return env;
  }

  /**
   * Whether {@code hole} lies inside {@code shell}, judged by its first vertex not on the shell's
   * boundary.
   */
  private static boolean inside(Coordinate[] hole, Coordinate[] shell) {
    for (Coordinate p : hole) {
      int location = PointLocation.locateInRing(p, shell);
      if (location != Location.BOUNDARY) {
        return location == Location.INTERIOR;
      }
    }
    return true;
  }
}
