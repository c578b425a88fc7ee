package org.patrolmap.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.NodingBudget;
import org.patrolmap.geo.Numbers;
import org.patrolmap.json.Json;

/**
 * Parses an uploaded footprint: a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of
 * those, in lon/lat. A streaming parse: no tree of the body is built, members other than {@code
 * type}, {@code coordinates}, {@code geometry} and {@code features} are skipped without being
 * materialised, and the limits are enforced while reading — JSON tokens ({@link
 * Limits#MAX_JSON_TOKENS}), nesting depth, vertices, parts and holes — so 1 MiB of {@code {}} costs
 * one pass and no memory. Rejects non-polygonal, out-of-range and self-intersecting input with a
 * precise message naming the limit or the problem.
 */
public final class FootprintInput {
  private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
  private final ObjectMapper mapper;
  private final JsonFactory factory;
  private final int maxVertices;
  private final int maxParts;
  private final int maxHoles;
  private final int maxTokens;
  private final long maxPairs = Limits.MAX_SEGMENT_PAIRS;

  /** A footprint with the {@code properties} of a top-level Feature (else an empty object). */
  public record Parsed(Geometry geometry, JsonNode properties, String rootType) {}

  public FootprintInput(int maxDepth, int maxVertices) {
    this(maxDepth, maxVertices, Limits.MAX_PARTS, Limits.MAX_HOLES, Limits.MAX_JSON_TOKENS);
  }

  public FootprintInput(int maxDepth, int maxVertices, int maxParts, int maxHoles, int maxTokens) {
    this.maxVertices = maxVertices;
    this.maxParts = maxParts;
    this.maxHoles = maxHoles;
    this.maxTokens = maxTokens;
    this.mapper = Json.bounded(maxDepth, 1 << 20);
    this.factory = mapper.getFactory();
  }

  public Geometry parse(byte[] body) {
    return parseFeature(body).geometry();
  }

  /** Parses the body; also keeps the {@code properties} of a top-level Feature. */
  public Parsed parseFeature(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidValueException(
          "body", "is empty: send a GeoJSON Polygon, MultiPolygon or Feature");
    }
    Node root;
    try (JsonParser p = factory.createParser(body)) {
      Reader r = new Reader(p);
      if (r.next() != JsonToken.START_OBJECT) {
        throw new InvalidValueException("body", "must be a GeoJSON object");
      }
      root = r.object(true);
      if (p.nextToken() != null) {
        throw new InvalidValueException("body", "holds more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(
          "body",
          "is not valid JSON"
              + JsonBody.where(e)
              + (e.getMessage() != null && e.getMessage().contains("nesting depth")
                  ? " (nested too deeply)"
                  : ""));
    } catch (IOException e) {
      throw new InvalidValueException("body", "cannot be read");
    }
    Counts counts = new Counts();
    List<Polygon> polys = new ArrayList<>();
    collect(root, polys, counts);
    if (polys.isEmpty()) {
      throw new InvalidValueException("body", "holds no polygon");
    }
    Geometry g =
        polys.size() == 1 ? polys.get(0) : GF.createMultiPolygon(polys.toArray(Polygon[]::new));
    try {
      new NodingBudget(maxPairs).spend(g); // validity costs about what this counts
    } catch (NodingBudget.ExceededException e) {
      throw new InvalidValueException(
          "body",
          "is too complex: its edges need more than "
              + maxPairs
              + " segment comparisons (limit max_segment_pairs; thin spikes and long"
              + " crossing edges cost most)");
    }
    TopologyValidationError err = new IsValidOp(g).getValidationError();
    if (err != null) {
      throw new InvalidValueException(
          "body",
          "is not a valid polygon: "
              + err.getMessage()
              + " near "
              + String.format(
                  Locale.ROOT, "%.6f,%.6f", err.getCoordinate().x, err.getCoordinate().y));
    }
    return new Parsed(
        g, root.properties == null ? mapper.createObjectNode() : root.properties, root.type);
  }

  /**
   * One GeoJSON object as read: its type and the members that matter. {@code coordinates} is a
   * nested list whose leaves are {@code double[]} positions.
   */
  private static final class Node {
    String type = "";
    Object coordinates;
    Node geometry;
    List<Node> features;
    JsonNode properties;
  }

  private static final class Counts {
    int vertices;
    int parts;
    int holes;
  }

  /** The streaming reader, counting tokens and vertices as it goes. */
  private final class Reader {
    private final JsonParser p;
    private int tokens;
    private int positions;

    Reader(JsonParser p) {
      this.p = p;
    }

    JsonToken next() throws IOException {
      if (++tokens > maxTokens) {
        throw new InvalidValueException(
            "body", "has more than " + maxTokens + " JSON tokens (limit max_json_tokens)");
      }
      return p.nextToken();
    }

    /** Skips the value just read (and its children), counting every token against the budget. */
    void skip() throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
        return;
      }
      int depth = 1;
      while (depth > 0) {
        t = next();
        if (t == null) {
          throw new InvalidValueException("body", "is not valid JSON (it ends too early)");
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
    }

    /** Reads the object whose START_OBJECT was just read. */
    Node object(boolean root) throws IOException {
      Node n = new Node();
      JsonToken t;
      while ((t = next()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = next();
        switch (name) {
          case "type" -> n.type = v == JsonToken.VALUE_STRING ? p.getText() : "";
          case "coordinates" -> n.coordinates = v == JsonToken.START_ARRAY ? array() : null;
          case "geometry" -> n.geometry = v == JsonToken.START_OBJECT ? object(false) : null;
          case "features" -> {
            if (v == JsonToken.START_ARRAY) {
              n.features = new ArrayList<>();
              JsonToken e;
              while ((e = next()) != JsonToken.END_ARRAY) {
                if (e != JsonToken.START_OBJECT) {
                  throw new InvalidValueException("body", "a feature must be a GeoJSON object");
                }
                n.features.add(object(false));
              }
            } else {
              skip();
            }
          }
          case "properties" -> {
            if (root && v == JsonToken.START_OBJECT) {
              n.properties = properties();
            } else {
              skip();
            }
          }
          default -> skip();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidValueException("body", "is not valid JSON");
      }
      return n;
    }

    /**
     * The string members of the top-level Feature's {@code properties} (what an admin save names:
     * id, name, description); other members are skipped, never materialised.
     */
    com.fasterxml.jackson.databind.node.ObjectNode properties() throws IOException {
      com.fasterxml.jackson.databind.node.ObjectNode props = mapper.createObjectNode();
      JsonToken t;
      while ((t = next()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (next() == JsonToken.VALUE_STRING) {
          props.put(name, p.getText());
        } else {
          skip();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidValueException("body", "is not valid JSON");
      }
      return props;
    }

    /** Reads the array whose START_ARRAY was just read: a position or a list of arrays. */
    Object array() throws IOException {
      JsonToken t = next();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        double lon = p.getDoubleValue();
        if (!isNumber(next())) {
          throw new InvalidValueException("body", "a position must be [lon, lat] numbers");
        }
        double lat = p.getDoubleValue();
        while ((t = next()) != JsonToken.END_ARRAY) {
          if (!isNumber(t)) {
            throw new InvalidValueException("body", "a position must be [lon, lat] numbers");
          }
        }
        if (++positions > maxVertices) {
          throw new InvalidValueException(
              "body", "has more than " + maxVertices + " vertices (limit max_vertices)");
        }
        return new double[] {lon, lat};
      }
      List<Object> out = new ArrayList<>();
      while (t != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_ARRAY) {
          throw new InvalidValueException("body", "a position must be [lon, lat] numbers");
        }
        out.add(array());
        t = next();
      }
      return out;
    }

    private boolean isNumber(JsonToken t) {
      return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }
  }

  private void collect(Node n, List<Polygon> out, Counts counts) {
    switch (n.type) {
      case "FeatureCollection" -> {
        if (n.features == null) {
          throw new InvalidValueException("body", "FeatureCollection without a features array");
        }
        for (Node f : n.features) {
          collect(f, out, counts);
        }
      }
      case "Feature" -> {
        if (n.geometry == null) {
          throw new InvalidValueException("body", "Feature without a geometry");
        }
        collect(n.geometry, out, counts);
      }
      case "Polygon" -> out.add(polygon(n.coordinates, counts));
      case "MultiPolygon" -> {
        if (!(n.coordinates instanceof List<?> cs)) {
          throw new InvalidValueException("body", "MultiPolygon coordinates must be an array");
        }
        for (Object p : cs) {
          out.add(polygon(p, counts));
        }
      }
      default ->
          throw new InvalidValueException(
              "body",
              "must be a Polygon, MultiPolygon, Feature or FeatureCollection, got '"
                  + Numbers.abbreviate(n.type)
                  + "'");
    }
  }

  private Polygon polygon(Object rings, Counts counts) {
    if (!(rings instanceof List<?> rs) || rs.isEmpty()) {
      throw new InvalidValueException(
          "body", "Polygon coordinates must be a non-empty array of rings");
    }
    if (++counts.parts > maxParts) {
      throw new InvalidValueException(
          "body", "has more than " + maxParts + " polygons (limit max_parts)");
    }
    counts.holes += rs.size() - 1;
    if (counts.holes > maxHoles) {
      throw new InvalidValueException(
          "body", "has more than " + maxHoles + " holes (limit max_holes)");
    }
    LinearRing shell = null;
    List<LinearRing> holes = new ArrayList<>();
    for (Object r : rs) {
      LinearRing ring = ring(r, counts);
      if (shell == null) {
        shell = ring;
      } else {
        holes.add(ring);
      }
    }
    return GF.createPolygon(shell, holes.toArray(LinearRing[]::new));
  }

  private LinearRing ring(Object r, Counts counts) {
    if (!(r instanceof List<?> ps) || ps.size() < 4) {
      throw new InvalidValueException("body", "a ring needs at least 4 positions");
    }
    counts.vertices += ps.size();
    if (counts.vertices > maxVertices) {
      throw new InvalidValueException(
          "body", "has more than " + maxVertices + " vertices (limit max_vertices)");
    }
    Coordinate[] cs = new Coordinate[ps.size()];
    for (int i = 0; i < ps.size(); i++) {
      if (!(ps.get(i) instanceof double[] p)) {
        throw new InvalidValueException("body", "a position must be [lon, lat] numbers");
      }
      double lon = p[0];
      double lat = p[1];
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        throw new InvalidValueException(
            "body", "position out of range: lon must be -180..180 and lat -90..90");
      }
      cs[i] = new Coordinate(lon, lat);
    }
    if (!cs[0].equals2D(cs[cs.length - 1])) {
      throw new InvalidValueException("body", "a ring must be closed (first position = last)");
    }
    return GF.createLinearRing(cs);
  }
}
