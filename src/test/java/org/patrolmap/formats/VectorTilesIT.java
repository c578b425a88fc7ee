package org.patrolmap.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.patrolmap.model.Dataset;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * Vector tiles of the real St. Louis patrol layer read with GDAL's MVT driver: the tile holding
 * Charlack at zoom 10, 12 and 14 contains every patrol feature that meets the tile and none that is
 * farther than the tile's buffer, St. Ann PD (Charlack's patrol provider since 2018) among them.
 */
class VectorTilesIT {
  private static final double CHARLACK_LON = -90.34008;
  private static final double CHARLACK_LAT = 38.70238;
  private static final Pattern ID = Pattern.compile("(?m)^\\s*id \\(String\\) = (\\S+)$");
  private static String ogrinfo;
  private static String base;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    ogrinfo = TestServer.ogrinfo();
    base = TestServer.get().baseUrl();
  }

  private static int tileX(double lon, int z) {
    return (int) Math.floor((lon + 180) / 360 * (1 << z));
  }

  private static int tileY(double lat, int z) {
    double r = Math.toRadians(lat);
    return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
  }

  /** The tile's lon/lat envelope, grown by {@code grow} tile widths on each side. */
  private static Envelope lonLat(int z, int x, int y, double grow) {
    double n = 1 << z;
    double west = (x - grow) / n * 360 - 180;
    double east = (x + 1 + grow) / n * 360 - 180;
    double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y - grow) / n))));
    double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + 1 + grow) / n))));
    return new Envelope(west, east, south, north);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 12, 14})
  void gdalReadsTheExpectedPatrolFeaturesFromTheTileHoldingCharlack(int z) throws Exception {
    int x = tileX(CHARLACK_LON, z);
    int y = tileY(CHARLACK_LAT, z);
    String date = "2024-05-01";
    HttpResponse<byte[]> res =
        TestHttp.get(base + "/api/tiles/patrol/" + z + "/" + x + "/" + y + ".mvt?date=" + date);
    assertEquals(200, res.statusCode());
    assertEquals(
        "application/vnd.mapbox-vector-tile",
        res.headers().firstValue("Content-Type").orElseThrow());
    Path file = tmp.resolve(z + "-" + x + "-" + y + ".mvt");
    Files.write(file, res.body());

    Geometry inner = Dataset.GEOMETRY.toGeometry(lonLat(z, x, y, 0));
    Geometry outer = Dataset.GEOMETRY.toGeometry(lonLat(z, x, y, 64.0 / 4096 * 2));
    Set<String> mustHave = new TreeSet<>();
    Set<String> mayHave = new TreeSet<>();
    GeoJsonReader reader = new GeoJsonReader();
    for (JsonNode f : TestHttp.getJson(base + "/api/layers/patrol?date=" + date).get("features")) {
      Geometry g = reader.read(f.get("geometry").toString());
      // well inside the tile: certainly drawn; within the buffer: may be drawn
      if (g.intersects(inner) && g.intersection(inner).getArea() > inner.getArea() * 1e-4) {
        mustHave.add(f.get("id").asText());
      }
      if (g.intersects(outer)) {
        mayHave.add(f.get("id").asText());
      }
    }
    List<String> cmd =
        List.of(
            ogrinfo,
            "-ro",
            "-al",
            "-q",
            "-oo",
            "Z=" + z,
            "-oo",
            "X=" + x,
            "-oo",
            "Y=" + y,
            "MVT:" + file);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.contains("ERROR"), out);
    Set<String> read = new TreeSet<>();
    Matcher m = ID.matcher(out);
    while (m.find()) {
      read.add(m.group(1));
    }
    assertTrue(read.contains("patrol-st-ann-pd"), "St. Ann PD patrols Charlack: " + read);
    assertTrue(read.containsAll(mustHave), "missing " + diff(mustHave, read));
    assertTrue(mayHave.containsAll(read), "unexpected " + diff(read, mayHave));
  }

  private static List<String> diff(Set<String> a, Set<String> b) {
    List<String> d = new ArrayList<>(a);
    d.removeAll(b);
    return d;
  }
}
