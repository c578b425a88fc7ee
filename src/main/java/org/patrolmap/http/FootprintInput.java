package org.patrolmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.Numbers;
import org.patrolmap.json.Json;

/**
 * Parses an uploaded footprint: a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of
 * those, in lon/lat. Enforces limits while walking (nesting depth, vertex count) and rejects
 * non-polygonal, out-of-range and self-intersecting input with a precise message.
 */
public final class FootprintInput {
  private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
  private final ObjectMapper mapper;
  private final int maxVertices;

  public FootprintInput(int maxDepth, int maxVertices) {
    this.maxVertices = maxVertices;
    this.mapper = Json.bounded(maxDepth, 1 << 20);
  }

  public Geometry parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidValueException(
          "body", "is empty: send a GeoJSON Polygon, MultiPolygon or Feature");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      String loc =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InvalidValueException(
          "body",
          "is not valid JSON"
              + loc
              + (e.getMessage() != null && e.getMessage().contains("nesting depth")
                  ? " (nested too deeply)"
                  : ""));
    } catch (java.io.IOException e) {
      throw new InvalidValueException("body", "cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidValueException("body", "must be a GeoJSON object");
    }
    int[] vertices = {0};
    List<Polygon> polys = new ArrayList<>();
    collect(root, polys, vertices);
    if (polys.isEmpty()) {
      throw new InvalidValueException("body", "holds no polygon");
    }
    Geometry g =
        polys.size() == 1 ? polys.get(0) : GF.createMultiPolygon(polys.toArray(Polygon[]::new));
    TopologyValidationError err = new IsValidOp(g).getValidationError();
    if (err != null) {
      throw new InvalidValueException(
          "body",
          "is not a valid polygon: "
              + err.getMessage()
              + " near "
              + String.format(
                  java.util.Locale.ROOT,
                  "%.6f,%.6f",
                  err.getCoordinate().x,
                  err.getCoordinate().y));
    }
    return g;
  }

  private void collect(JsonNode n, List<Polygon> out, int[] vertices) {
    String type = n.path("type").asText("");
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode fs = n.path("features");
        if (!fs.isArray()) {
          throw new InvalidValueException("body", "FeatureCollection without a features array");
        }
        for (JsonNode f : fs) {
          collect(f, out, vertices);
        }
      }
      case "Feature" -> {
        JsonNode g = n.path("geometry");
        if (!g.isObject()) {
          throw new InvalidValueException("body", "Feature without a geometry");
        }
        collect(g, out, vertices);
      }
      case "Polygon" -> out.add(polygon(n.path("coordinates"), vertices));
      case "MultiPolygon" -> {
        JsonNode cs = n.path("coordinates");
        if (!cs.isArray()) {
          throw new InvalidValueException("body", "MultiPolygon coordinates must be an array");
        }
        for (JsonNode p : cs) {
          out.add(polygon(p, vertices));
        }
      }
      default ->
          throw new InvalidValueException(
              "body",
              "must be a Polygon, MultiPolygon, Feature or FeatureCollection, got '"
                  + Numbers.abbreviate(type)
                  + "'");
    }
  }

  private Polygon polygon(JsonNode rings, int[] vertices) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new InvalidValueException(
          "body", "Polygon coordinates must be a non-empty array of rings");
    }
    LinearRing shell = null;
    List<LinearRing> holes = new ArrayList<>();
    for (JsonNode r : rings) {
      LinearRing ring = ring(r, vertices);
      if (shell == null) {
        shell = ring;
      } else {
        holes.add(ring);
      }
    }
    return GF.createPolygon(shell, holes.toArray(LinearRing[]::new));
  }

  private LinearRing ring(JsonNode r, int[] vertices) {
    if (!r.isArray() || r.size() < 4) {
      throw new InvalidValueException("body", "a ring needs at least 4 positions");
    }
    vertices[0] += r.size();
    if (vertices[0] > maxVertices) {
      throw new InvalidValueException("body", "has more than " + maxVertices + " vertices");
    }
    Coordinate[] cs = new Coordinate[r.size()];
    for (int i = 0; i < r.size(); i++) {
      JsonNode p = r.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new InvalidValueException("body", "a position must be [lon, lat] numbers");
      }
      double lon = p.get(0).asDouble();
      double lat = p.get(1).asDouble();
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
