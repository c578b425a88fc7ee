package org.patrolmap.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes one Mapbox Vector Tile layer (MVT specification 2.1, protobuf wire format written
 * directly): polygon features in tile coordinates (extent units, y down), exterior rings with
 * positive and holes with negative area as the specification requires, repeated points dropped,
 * rings that collapse at this resolution left out; keys and values shared across features.
 */
final class MvtWriter {
  private final String name;
  private final int extent;
  private final List<String> keys = new ArrayList<>();
  private final Map<String, Integer> keyIndex = new HashMap<>();
  private final List<Object> values = new ArrayList<>();
  private final Map<Object, Integer> valueIndex = new HashMap<>();
  private final ByteArrayOutputStream features = new ByteArrayOutputStream();

  MvtWriter(String name, int extent) {
    this.name = name;
    this.extent = extent;
  }

  /**
   * Adds a polygonal feature already clipped to the tile's buffered envelope, in the source CRS;
   * {@code tile} is the tile's envelope in that CRS. Returns false when nothing was left to draw.
   */
  boolean add(Geometry clipped, Envelope tile, Map<String, Object> properties) {
    List<Integer> geometry = new ArrayList<>();
    int[] cursor = {0, 0};
    for (int i = 0; i < clipped.getNumGeometries(); i++) {
      if (clipped.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
        List<Integer> shell = ring(p.getExteriorRing(), tile, true, cursor);
        if (shell == null) {
          continue; // collapsed at this zoom: its holes go with it
        }
        geometry.addAll(shell);
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          List<Integer> hole = ring(p.getInteriorRingN(h), tile, false, cursor);
          if (hole != null) {
            geometry.addAll(hole);
          }
        }
      }
    }
    if (geometry.isEmpty()) {
      return false;
    }
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    List<Integer> tags = new ArrayList<>();
    properties.forEach(
        (k, v) -> {
          if (v == null) {
            return;
          }
          tags.add(keyIndex.computeIfAbsent(k, x -> add(keys, x)));
          tags.add(valueIndex.computeIfAbsent(v, x -> add(values, x)));
        });
    packed(f, 2, tags);
    tag(f, 3, 0);
    varint(f, 3); // POLYGON
    packed(f, 4, geometry);
    bytes(features, 2, f.toByteArray());
    return true;
  }

  private static <T> int add(List<T> list, T item) {
    list.add(item);
    return list.size() - 1;
  }

  /** The layer inside a Tile message (field 3 of Tile). */
  byte[] tile() {
    ByteArrayOutputStream layer = new ByteArrayOutputStream();
    tag(layer, 15, 0);
    varint(layer, 2); // version
    bytes(layer, 1, name.getBytes(StandardCharsets.UTF_8));
    layer.writeBytes(features.toByteArray());
    for (String k : keys) {
      bytes(layer, 3, k.getBytes(StandardCharsets.UTF_8));
    }
    for (Object v : values) {
      bytes(layer, 4, value(v));
    }
    tag(layer, 5, 0);
    varint(layer, extent);
    ByteArrayOutputStream tile = new ByteArrayOutputStream();
    bytes(tile, 3, layer.toByteArray());
    return tile.toByteArray();
  }

  private static byte[] value(Object v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (v instanceof Boolean b) {
      tag(out, 7, 0);
      varint(out, b ? 1 : 0);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      long n = ((Number) v).longValue();
      tag(out, 6, 0);
      varint(out, (n << 1) ^ (n >> 63)); // sint64
    } else if (v instanceof Number n) {
      tag(out, 3, 1);
      long bits = Double.doubleToLongBits(n.doubleValue());
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    } else {
      bytes(out, 1, v.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /**
   * The commands of one ring in tile coordinates, or null when it collapses (fewer than three
   * distinct points or no area). {@code cursor} is the pen position, moved along only when the ring
   * is drawn.
   */
  private List<Integer> ring(LinearRing r, Envelope tile, boolean exterior, int[] cursor) {
    Coordinate[] cs = r.getCoordinates();
    List<int[]> pts = new ArrayList<>();
    for (int i = 0; i < cs.length - 1; i++) {
      int x = (int) Math.round((cs[i].x - tile.getMinX()) / tile.getWidth() * extent);
      int y = (int) Math.round((tile.getMaxY() - cs[i].y) / tile.getHeight() * extent);
      int[] last = pts.isEmpty() ? null : pts.get(pts.size() - 1);
      if (last == null || last[0] != x || last[1] != y) {
        pts.add(new int[] {x, y});
      }
    }
    while (pts.size() > 1 && equal(pts.get(0), pts.get(pts.size() - 1))) {
      pts.remove(pts.size() - 1);
    }
    if (pts.size() < 3) {
      return null;
    }
    long area2 = 0;
    for (int i = 0; i < pts.size(); i++) {
      int[] a = pts.get(i);
      int[] b = pts.get((i + 1) % pts.size());
      area2 += (long) a[0] * b[1] - (long) b[0] * a[1];
    }
    if (area2 == 0) {
      return null;
    }
    if ((area2 > 0) != exterior) {
      java.util.Collections.reverse(pts);
    }
    List<Integer> out = new ArrayList<>(pts.size() * 2 + 3);
    out.add(command(1, 1));
    delta(out, pts.get(0), cursor);
    out.add(command(2, pts.size() - 1));
    for (int i = 1; i < pts.size(); i++) {
      delta(out, pts.get(i), cursor);
    }
    out.add(command(7, 1));
    return out;
  }

  private static boolean equal(int[] a, int[] b) {
    return a[0] == b[0] && a[1] == b[1];
  }

  private static void delta(List<Integer> out, int[] p, int[] cursor) {
    out.add(zigzag(p[0] - cursor[0]));
    out.add(zigzag(p[1] - cursor[1]));
    cursor[0] = p[0];
    cursor[1] = p[1];
  }

  private static int command(int id, int count) {
    return (id & 0x7) | (count << 3);
  }

  private static int zigzag(int n) {
    return (n << 1) ^ (n >> 31);
  }

  private static void tag(ByteArrayOutputStream out, int field, int wireType) {
    varint(out, ((long) field << 3) | wireType);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
    tag(out, field, 2);
    varint(out, b.length);
    out.writeBytes(b);
  }

  private static void packed(ByteArrayOutputStream out, int field, List<Integer> ints) {
    if (ints.isEmpty()) {
      return;
    }
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    for (int i : ints) {
      varint(p, i & 0xFFFFFFFFL);
    }
    bytes(out, field, p.toByteArray());
  }
}
