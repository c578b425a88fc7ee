package org.patrolmap.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.patrolmap.geo.GeoMath;
import org.patrolmap.layers.BoundedWork;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.PreparedBody;

/**
 * Mapbox Vector Tiles (MVT 2.1) of a layer in the WebMercatorQuad tile matrix set, zoom 0–{@value
 * #MAX_ZOOM}, extent 4096 with a 64-unit buffer. Per layer instance (a dataset as of a date) and
 * zoom, the features are projected to EPSG:3857 once and simplified to a quarter of a tile unit —
 * layers that tile the counties ({@link #COVERAGES}) with JTS's {@code CoverageSimplifier}, which
 * keeps shared edges shared, the others feature by feature; from zoom {@value #FULL_DETAIL_ZOOM}
 * the geometry is not simplified. Tiles are clipped from that and cached by bytes (LRU). Tiles not
 * cached are encoded through a {@link BoundedWork} (the server's compute pool), so a storm of
 * distinct tiles costs at most its workers and the rest are refused at once; cached tiles are
 * answered without waiting for any encoding. The projected zooms kept are bounded by {@link
 * #ZOOM_ENTRIES} and {@link #ZOOM_VERTICES}.
 */
public final class VectorTiles {
  public static final int MAX_ZOOM = 16;
  static final int FULL_DETAIL_ZOOM = 13;
  static final int EXTENT = 4096;
  static final int BUFFER = 64;

  /** Layers whose features tile the counties without overlaps. */
  public static final Set<String> COVERAGES =
      Set.of("areas", "patrol", "dispatch", "nena-psap", "nena-police");

  private static final double HALF = Math.PI * 6378137.0;
  private static final GeometryFactory MERCATOR = new GeometryFactory(new PrecisionModel(), 3857);
  private static final int TILE_ENTRIES = 4096;
  private static final long TILE_BYTES = 64L << 20;
  private static final int ZOOM_ENTRIES = 48;

  /** Vertices of projected, simplified zooms kept (about 48 bytes each on the heap). */
  static final long ZOOM_VERTICES = 1_000_000;

  private record ZoomKey(Layer layer, int z) {}

  private record TileKey(Layer layer, int z, int x, int y) {}

  private final Map<ZoomKey, List<Geometry>> zooms =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ZoomKey, List<Geometry>> e) {
          if (size() > ZOOM_ENTRIES) {
            zoomVertexCount -= zoomVertices.remove(e.getKey());
            return true;
          }
          return false;
        }
      };

  private final Map<ZoomKey, Long> zoomVertices = new java.util.HashMap<>();
  private long zoomVertexCount;

  private final LinkedHashMap<TileKey, PreparedBody> tiles = new LinkedHashMap<>(64, 0.75f, true);
  private long tileBytes;

  private final BoundedWork encodes;

  /** Encodes in the calling thread (tests, tools). */
  public VectorTiles() {
    this(BoundedWork.DIRECT);
  }

  public VectorTiles(BoundedWork encodes) {
    this.encodes = encodes;
  }

  /** The tile's MVT bytes (one MVT layer named after the layer id), prepared with an ETag. */
  public PreparedBody tile(Layer layer, int z, int x, int y) {
    TileKey key = new TileKey(layer, z, x, y);
    PreparedBody hit = cachedTile(key);
    if (hit != null) {
      return hit;
    }
    return encodes.run(
        () -> {
          PreparedBody again = cachedTile(key); // encoded while this one waited
          if (again != null) {
            return again;
          }
          PreparedBody b = PreparedBody.strong(encode(layer, z, x, y));
          synchronized (tiles) {
            if (tiles.putIfAbsent(key, b) == null) {
              tileBytes += b.json().length + b.gzip().length;
              var it = tiles.entrySet().iterator();
              while ((tiles.size() > TILE_ENTRIES || tileBytes > TILE_BYTES) && it.hasNext()) {
                PreparedBody old = it.next().getValue();
                tileBytes -= old.json().length + old.gzip().length;
                it.remove();
              }
            }
          }
          return b;
        });
  }

  private PreparedBody cachedTile(TileKey key) {
    synchronized (tiles) {
      return tiles.get(key);
    }
  }

  /** The tile's envelope in EPSG:3857 metres. */
  static Envelope tileEnvelope(int z, int x, int y) {
    double size = 2 * HALF / (1 << z);
    double minX = -HALF + x * size;
    double maxY = HALF - y * size;
    return new Envelope(minX, minX + size, maxY - size, maxY);
  }

  private byte[] encode(Layer layer, int z, int x, int y) {
    Envelope tile = tileEnvelope(z, x, y);
    double unit = tile.getWidth() / EXTENT;
    Envelope clip = new Envelope(tile);
    clip.expandBy(BUFFER * unit);
    List<Geometry> projected = zoom(layer, z);
    MvtWriter out = new MvtWriter(layer.id(), EXTENT);
    Geometry clipBox = MERCATOR.toGeometry(clip);
    for (int i = 0; i < projected.size(); i++) {
      Geometry g = projected.get(i);
      if (g == null || !g.getEnvelopeInternal().intersects(clip)) {
        continue;
      }
      Geometry clipped =
          clip.contains(g.getEnvelopeInternal())
              ? g
              : OverlayNGRobust.overlay(g, clipBox, OverlayNG.INTERSECTION);
      out.add(clipped, tile, properties(layer.features().get(i)));
    }
    return out.tile();
  }

  /** Scalar properties and the feature id; lists and objects become JSON text. */
  private static Map<String, Object> properties(LayerFeature f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    f.properties()
        .forEach(
            (k, v) -> {
              if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                m.put(k, v);
              } else if (v != null) {
                m.put(k, LayerFiles.text(v));
              }
            });
    return m;
  }

  /** The layer's features in EPSG:3857, simplified for zoom z (null where nothing is left). */
  private synchronized List<Geometry> zoom(Layer layer, int z) {
    ZoomKey key = new ZoomKey(layer, z);
    List<Geometry> g = zooms.get(key);
    if (g == null) {
      g = simplify(layer, z);
      long n = g.stream().mapToLong(x -> x == null ? 0 : x.getNumPoints()).sum();
      zooms.put(key, g);
      zoomVertices.put(key, n);
      zoomVertexCount += n;
      var it = zooms.keySet().iterator();
      while (zoomVertexCount > ZOOM_VERTICES && zooms.size() > 1) {
        ZoomKey eldest = it.next();
        if (!eldest.equals(key)) {
          zoomVertexCount -= zoomVertices.remove(eldest);
          it.remove();
        }
      }
    }
    return g;
  }

  private static List<Geometry> simplify(Layer layer, int z) {
    Geometry[] merc = new Geometry[layer.features().size()];
    for (int i = 0; i < merc.length; i++) {
      merc[i] = toMercator(layer.features().get(i).geometry());
    }
    if (z < FULL_DETAIL_ZOOM) {
      double tolerance = 2 * HALF / (1 << z) / EXTENT / 4;
      if (COVERAGES.contains(layer.id())) {
        merc = CoverageSimplifier.simplify(merc, tolerance);
      } else {
        for (int i = 0; i < merc.length; i++) {
          merc[i] = TopologyPreservingSimplifier.simplify(merc[i], tolerance);
        }
      }
    }
    List<Geometry> out = new ArrayList<>(merc.length);
    for (Geometry m : merc) {
      out.add(m == null || m.isEmpty() ? null : m);
    }
    return out;
  }

  /** Spherical Web Mercator (EPSG:3857) of lon/lat geometry; latitudes clamped to ±85.0511°. */
  static Geometry toMercator(Geometry lonLat) {
    return GeoMath.mapInPlace(
        MERCATOR.createGeometry(lonLat),
        (lon, y, out) -> {
          double lat = Math.max(-85.05112878, Math.min(85.05112878, y));
          out[0] = Math.toRadians(lon) * 6378137.0;
          out[1] = 6378137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
        });
  }
}
