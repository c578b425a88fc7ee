package org.patrolmap.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.PreparedBody;

/**
 * Downloads in other encodings (GeoPackage, CSV) of whole layers, built once per set of layers
 * (each a dataset as of a date) and format, and kept in a small LRU. Builds run one at a time, so
 * however many dates are asked at once, at most one core builds files; the number of distinct dates
 * kept is bounded by {@link #ENTRIES}.
 */
public final class EncodedCache {
  /** Encoded downloads kept (a GeoPackage of the largest layer is about 1–3 MB). */
  public static final int ENTRIES = 24;

  /** Layers are compared by identity: a layer instance is one dataset as of one date. */
  private record Key(List<Layer> layers, String format) {}

  private final Map<Key, PreparedBody> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, PreparedBody> e) {
          return size() > ENTRIES;
        }
      };

  private final Object buildLock = new Object();

  /** The encoded body of these layers in this format, built by {@code build} on a miss. */
  public PreparedBody get(List<Layer> layers, String format, Supplier<byte[]> build) {
    Key key = new Key(List.copyOf(layers), format);
    synchronized (cache) {
      PreparedBody b = cache.get(key);
      if (b != null) {
        return b;
      }
    }
    synchronized (buildLock) {
      synchronized (cache) {
        PreparedBody b = cache.get(key);
        if (b != null) {
          return b;
        }
      }
      PreparedBody built = PreparedBody.strong(build.get());
      synchronized (cache) {
        cache.put(key, built);
      }
      return built;
    }
  }

  /** Builds a one-off body (e.g. a filtered layer) without keeping it, one build at a time. */
  public PreparedBody uncached(Supplier<byte[]> build) {
    synchronized (buildLock) {
      return PreparedBody.strong(build.get());
    }
  }
}
