package org.patrolmap.ogc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.patrolmap.json.Json;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.PreparedBody;

/**
 * Builds OGC items answers from a layer's prepared feature bytes: filtering by bbox and properties,
 * and the paged FeatureCollection ({@code numberMatched}, {@code numberReturned}, {@code
 * timeStamp}, links) written by concatenating the features' JSON. Its ETag is weak: it covers every
 * byte except the {@code timeStamp}, which only says when the answer was written.
 */
final class FeaturePages {
  private FeaturePages() {}

  /**
   * The FeatureCollection of one page: {@code page} out of {@code matched} features, with its
   * links. The gzip form is only made when {@code gzip} (the client accepts it); otherwise it is
   * empty.
   */
  static PreparedBody collection(
      int matched,
      List<LayerFeature> page,
      List<Map<String, Object>> links,
      Instant now,
      boolean gzip) {
    Writer w = new Writer();
    w.write(
        "{\"type\":\"FeatureCollection\",\"numberMatched\":"
            + matched
            + ",\"numberReturned\":"
            + page.size(),
        true);
    w.write(",\"timeStamp\":\"" + now.truncatedTo(ChronoUnit.SECONDS) + "\"", false);
    w.write(",\"links\":", true);
    w.write(Json.bytes(links), true);
    w.write(",\"features\":[", true);
    for (int i = 0; i < page.size(); i++) {
      if (i > 0) {
        w.write(",", true);
      }
      w.write(page.get(i).json(), true);
    }
    w.write("]}", true);
    return w.body(gzip);
  }

  /**
   * One feature with its links appended (the prepared feature JSON ends with its closing brace).
   */
  static PreparedBody feature(LayerFeature f, List<Map<String, Object>> links) {
    byte[] json = f.json();
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 512);
    out.write(json, 0, json.length - 1);
    out.writeBytes(",\"links\":".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(Json.bytes(links));
    out.write('}');
    return PreparedBody.strong(out.toByteArray());
  }

  /** Collects the body and a digest of the bytes that identify it. */
  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    private final MessageDigest digest = PreparedBody.sha256();

    void write(String s, boolean identifying) {
      write(s.getBytes(StandardCharsets.UTF_8), identifying);
    }

    void write(byte[] b, boolean identifying) {
      out.writeBytes(b);
      if (identifying) {
        digest.update(b);
      }
    }

    PreparedBody body(boolean gzip) {
      return PreparedBody.weak(out.toByteArray(), digest, gzip);
    }
  }
}
