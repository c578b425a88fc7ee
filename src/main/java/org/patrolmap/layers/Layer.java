package org.patrolmap.layers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
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
  private volatile PreparedBody body;

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

  /** Whether {@link #body()} is prepared already (costs nothing to answer). */
  public boolean hasBody() {
    return body != null;
  }

  /** The whole layer as a FeatureCollection, prepared on first use. */
  public PreparedBody body() {
    PreparedBody b = body;
    if (b == null) {
      synchronized (this) {
        if (body == null) {
          body = PreparedBody.strong(collection(features));
        }
        b = body;
      }
    }
    return b;
  }

  /** Concatenates prepared features into a FeatureCollection. */
  public static byte[] collection(List<LayerFeature> features) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(features.stream().mapToInt(f -> f.json().length + 1).sum() + 64);
    out.writeBytes(
        "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < features.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(features.get(i).json());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
