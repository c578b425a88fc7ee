package org.patrolmap.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.locationtech.jts.geom.Envelope;

/**
 * A layer of one dataset as of one date: its features, and — built on first use — the whole
 * FeatureCollection body, its gzip form and a strong ETag derived from the bytes.
 */
public final class Layer {
  private final String id;
  private final long datasetId;
  private final LocalDate date;
  private final List<LayerFeature> features;
  private volatile Body body;

  /** The prepared whole-layer answer. */
  public record Body(byte[] json, byte[] gzip, String etag) {}

  public Layer(String id, long datasetId, LocalDate date, List<LayerFeature> features) {
    this.id = id;
    this.datasetId = datasetId;
    this.date = date;
    this.features = List.copyOf(features);
  }

  public String id() {
    return id;
  }

  public long datasetId() {
    return datasetId;
  }

  public LocalDate date() {
    return date;
  }

  public List<LayerFeature> features() {
    return features;
  }

  /** The extent of all features, or null when empty. */
  public Envelope extent() {
    Envelope e = new Envelope();
    features.forEach(f -> e.expandToInclude(f.geometry().getEnvelopeInternal()));
    return e.isNull() ? null : e;
  }

  public Body body() {
    Body b = body;
    if (b == null) {
      synchronized (this) {
        if (body == null) {
          body = prepare(collection(features));
        }
        b = body;
      }
    }
    return b;
  }

  /** Concatenates prepared features into a FeatureCollection. */
  public static byte[] collection(List<LayerFeature> features) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(features.stream().mapToInt(f -> f.json().length + 1).sum() + 64);
    out.writeBytes("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < features.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(features.get(i).json());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Body with gzip and a strong ETag (sha-256 of the bytes). */
  public static Body prepare(byte[] json) {
    try {
      ByteArrayOutputStream gz = new ByteArrayOutputStream(json.length / 4 + 64);
      try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
        z.write(json);
      }
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return new Body(json, gz.toByteArray(), "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
