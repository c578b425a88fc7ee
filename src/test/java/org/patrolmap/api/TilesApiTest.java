package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/** Vector tiles and TileJSON on the tiny dataset: content, caching headers and bad tile paths. */
class TilesApiTest {
  private static final TinyServer server = TinyServer.shared();

  /** z=12 tile holding the tiny dataset's west half (lon -90.32..-90.28, lat 38.70..38.72). */
  private static final String TILE_12 = "/api/tiles/patrol/12/1020/1569.mvt";

  /**
   * The {@code id} values of the features of one layer of a tile: a minimal protobuf reader of the
   * MVT messages (Tile.layers = 3; Layer.name = 1, features = 2, keys = 3, values = 4; Feature.tags
   * = 2; Value.string_value = 1). GDAL reads the real tiles in {@code VectorTilesIT}.
   */
  private static Set<String> ids(byte[] mvt, String layer) {
    Set<String> out = new TreeSet<>();
    for (byte[] l : fields(mvt, 3)) {
      if (!new String(fields(l, 1).get(0), StandardCharsets.UTF_8).equals(layer)) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      fields(l, 3).forEach(k -> keys.add(new String(k, StandardCharsets.UTF_8)));
      List<String> values = new ArrayList<>();
      fields(l, 4)
          .forEach(
              v -> {
                List<byte[]> s = fields(v, 1);
                values.add(s.isEmpty() ? null : new String(s.get(0), StandardCharsets.UTF_8));
              });
      for (byte[] f : fields(l, 2)) {
        int[] pos = {0};
        byte[] tags = fields(f, 2).get(0);
        while (pos[0] < tags.length) {
          int k = (int) varint(tags, pos);
          int v = (int) varint(tags, pos);
          if (keys.get(k).equals("id")) {
            out.add(values.get(v));
          }
        }
      }
    }
    return out;
  }

  /** The length-delimited values of one field number in a protobuf message. */
  private static List<byte[]> fields(byte[] msg, int field) {
    List<byte[]> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < msg.length) {
      long key = varint(msg, pos);
      int wire = (int) (key & 7);
      switch (wire) {
        case 0 -> varint(msg, pos);
        case 1 -> pos[0] += 8;
        case 5 -> pos[0] += 4;
        case 2 -> {
          int len = (int) varint(msg, pos);
          if ((key >>> 3) == field) {
            out.add(Arrays.copyOfRange(msg, pos[0], pos[0] + len));
          }
          pos[0] += len;
        }
        default -> throw new IllegalStateException("wire type " + wire);
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[pos[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return v;
      }
    }
  }

  @Test
  void tileHoldsThePatrolFeaturesOfItsPlaceOnTheDate() throws Exception {
    HttpResponse<byte[]> now = TestHttp.get(server.url(TILE_12 + "?date=2024-05-01"));
    assertEquals(200, now.statusCode());
    assertEquals(
        "application/vnd.mapbox-vector-tile",
        now.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(now.headers().firstValue("ETag").isPresent());
    Set<String> today = ids(now.body(), "patrol");
    assertTrue(today.contains("patrol-" + TinyDataset.ALDERBROOK_PD), today.toString());
    assertTrue(today.contains("patrol-" + TinyDataset.COUNTY_PD), today.toString());
    Set<String> before =
        ids(TestHttp.get(server.url(TILE_12 + "?date=2011-06-01")).body(), "patrol");
    assertTrue(before.contains("patrol-unknown"), "Dunmore unknown before 2012: " + before);
  }

  @Test
  void tileFarFromTheCountiesIsEmpty() throws Exception {
    HttpResponse<byte[]> res = TestHttp.get(server.url("/api/tiles/patrol/12/0/0.mvt"));
    assertEquals(200, res.statusCode());
    assertEquals(Set.of(), ids(res.body(), "patrol"));
  }

  @Test
  void tilesOutsideTheMatrixAre400NamingTheParameter() {
    Map<String, String> bad =
        Map.of(
            "/api/tiles/patrol/17/0/0.mvt", "z",
            "/api/tiles/patrol/2/4/0.mvt", "x",
            "/api/tiles/patrol/2/0/4.mvt", "y",
            "/api/tiles/patrol/2/0/a.mvt", "y",
            "/api/tiles/patrol/2/0/1.png", "y",
            "/api/tiles/patrol/-1/0/0.mvt", "z",
            "/api/tiles/patrol/1.5/0/0.mvt", "z");
    bad.forEach(
        (path, param) -> {
          HttpResponse<byte[]> res = TestHttp.get(server.url(path));
          assertEquals(400, res.statusCode(), path);
          assertTrue(TestHttp.json(res).path("details").has(param), path);
        });
    assertEquals(404, TestHttp.get(server.url("/api/tiles/nope/1/0/0.mvt")).statusCode());
  }

  @Test
  void tileJsonGivesTheTileTemplateZoomsAndFields() {
    JsonNode tj = TestHttp.getJson(server.url("/api/tiles/nena-police?date=2024-05-01"));
    assertEquals("3.0.0", tj.path("tilejson").asText());
    assertTrue(
        tj.path("tiles")
            .get(0)
            .asText()
            .endsWith("/api/tiles/nena-police/{z}/{x}/{y}.mvt?date=2024-05-01"));
    assertEquals(16, tj.path("maxzoom").asInt());
    assertTrue(tj.path("vector_layers").get(0).path("fields").has("NGUID"));
  }
}
