package org.patrolmap.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * An answer body prepared once: its bytes, their gzip form (empty when not made) and an entity tag.
 * The one place where bodies are compressed and tagged: whole layers (strong tag over the bytes),
 * OGC pages (weak tag over the bytes that identify the page) and features.
 */
public record PreparedBody(byte[] json, byte[] gzip, String etag) {

  /**
   * The body with its gzip form and a strong ETag: the first 128 bits of the SHA-256 of the bytes.
   */
  public static PreparedBody strong(byte[] json) {
    return new PreparedBody(json, gzip(json), "\"" + hex(sha256().digest(json)) + "\"");
  }

  /**
   * The body with a weak ETag over {@code identity} (the digest of the bytes that identify it),
   * compressed only when {@code withGzip} (the client accepts gzip); otherwise the gzip form is
   * empty.
   */
  public static PreparedBody weak(byte[] json, MessageDigest identity, boolean withGzip) {
    return new PreparedBody(
        json, withGzip ? gzip(json) : new byte[0], "W/\"" + hex(identity.digest()) + "\"");
  }

  /** A fresh SHA-256 digest (for {@link #weak}). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static byte[] gzip(byte[] json) {
    ByteArrayOutputStream gz = new ByteArrayOutputStream(json.length / 4 + 64);
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }
}
