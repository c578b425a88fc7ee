package org.patrolmap.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.patrolmap.layers.BoundedWork;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.PreparedBody;

/**
 * Downloads in other encodings (GeoPackage, CSV) of whole layers, built once per set of layers
 * (each a dataset as of a date) and format, and kept in a small LRU bounded by {@link #ENTRIES} and
 * {@link #BYTES}. Builds run through a {@link BoundedWork} (the server's compute pool), so however
 * many dates are asked at once, at most its workers encode files and the rest are refused.
 */
public final class EncodedCache {
  /** Encoded downloads kept (a GeoPackage of the largest layer is about 1–3 MB). */
  public static final int ENTRIES = 24;

  /** Bytes of encoded downloads kept (each body with its gzip form). */
  public static final long BYTES = 32L << 20;

  /** Layers are compared by identity: a layer instance is one dataset as of one date. */
  private record Key(List<Layer> layers, String format) {}

  private final LinkedHashMap<Key, PreparedBody> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  private final BoundedWork builds;

  /** Builds in the calling thread (tests, tools). */
  public EncodedCache() {
    this(BoundedWork.DIRECT);
  }

  public EncodedCache(BoundedWork builds) {
    this.builds = builds;
  }

  /** The encoded body of these layers in this format, built by {@code build} on a miss. */
  public PreparedBody get(List<Layer> layers, String format, Supplier<byte[]> build) {
    Key key = new Key(List.copyOf(layers), format);
    PreparedBody hit = cached(key);
    if (hit != null) {
      return hit;
    }
    return builds.run(
        () -> {
          PreparedBody again = cached(key); // built while this one waited
          if (again != null) {
            return again;
          }
          PreparedBody built = PreparedBody.strong(build.get());
          synchronized (cache) {
            if (cache.putIfAbsent(key, built) == null) {
              bytes += size(built);
              var it = cache.entrySet().iterator();
              while ((cache.size() > ENTRIES || bytes > BYTES) && cache.size() > 1) {
                Map.Entry<Key, PreparedBody> e = it.next();
                if (e.getKey().equals(key)) {
                  continue;
                }
                bytes -= size(e.getValue());
                it.remove();
              }
            }
          }
          return built;
        });
  }

  /** Builds a one-off body (e.g. a filtered layer) without keeping it, bounded like the others. */
  public PreparedBody uncached(Supplier<byte[]> build) {
    return builds.run(() -> PreparedBody.strong(build.get()));
  }

  private PreparedBody cached(Key key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  private static long size(PreparedBody b) {
    return (long) b.json().length + b.gzip().length;
  }
}
