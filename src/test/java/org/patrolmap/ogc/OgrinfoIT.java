package org.patrolmap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * GDAL's own OGC API – Features client ({@code ogrinfo}, driver OAPIF; Debian {@code gdal-bin},
 * installed by {@code scripts/install-deps.sh}) reads the running server: it lists the collections
 * and, following the {@code next} links 10 features at a time, reads as many features as {@code
 * /api/layers} holds. GDAL 3.6 has no datetime open option; a past date is asked for the way GDAL
 * users filter a date field ({@code -where "date = '2016-06-01'"}), which GDAL turns into the
 * server's {@code datetime} parameter. Under {@code CI=true} a missing ogrinfo fails the test.
 */
class OgrinfoIT {
  private static final Pattern LAYER_LINE = Pattern.compile("(?m)^\\d+: ([a-z-]+) ");
  private static String ogrinfo;
  private static String base;

  @BeforeAll
  static void start() {
    ogrinfo = TestServer.ogrinfo();
    base = TestServer.get().baseUrl();
  }

  /** Runs ogrinfo with the given arguments; returns its output after asserting it exited 0. */
  private static String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ogrinfo);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GDAL_HTTP_TIMEOUT", "30");
    pb.environment().put("CPL_DEBUG", "OFF");
    pb.environment().remove("GDAL_HTTP_PROXY");
    pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String text = new String(out, StandardCharsets.UTF_8);
    assertTrue(ended, "ogrinfo did not end");
    assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + text);
    assertFalse(text.contains("ERROR"), () -> String.join(" ", cmd) + "\n" + text);
    return text;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /** The ogrinfo text of the feature whose agency_id is {@code agency}. */
  private static String featureOf(String out, String agency) {
    for (String block : out.split("OGRFeature\\(")) {
      if (block.contains("agency_id (String) = " + agency + "\n")) {
        return block;
      }
    }
    return "";
  }

  private static int layerSize(String query) {
    JsonNode fc = TestHttp.getJson(base + "/api/layers/" + query);
    return fc.get("features").size();
  }

  @Test
  void ogrinfoListsTheCollections() throws Exception {
    String out = run("-ro", "-so", "OAPIF:" + base + "/ogc");
    List<String> layers = new ArrayList<>();
    Matcher m = LAYER_LINE.matcher(out);
    while (m.find()) {
      layers.add(m.group(1));
    }
    assertEquals(
        List.of(
            "areas", "patrol", "dispatch", "contracts", "footprints", "nena-psap", "nena-police"),
        layers,
        out);
  }

  @Test
  void ogrinfoReadsEveryAreaFollowingTheNextLinks() throws Exception {
    int expected = layerSize("areas");
    assertTrue(expected > 10, "more than one GDAL page (10 features)");
    String out = run("-ro", "-al", "-q", "-geom=SUMMARY", "OAPIF:" + base + "/ogc", "areas");
    assertEquals(expected, count(out, "OGRFeature(areas):"));
    assertTrue(out.contains("name (String) = Charlack"));
  }

  @Test
  void ogrinfoReadsTodaysPatrolProviders() throws Exception {
    String out = run("-ro", "-al", "-q", "-geom=SUMMARY", "OAPIF:" + base + "/ogc", "patrol");
    assertEquals(layerSize("patrol"), count(out, "OGRFeature(patrol):"));
    assertTrue(
        featureOf(out, "st-ann-pd").contains("2913330"), "St. Ann PD patrols Charlack today");
    assertFalse(featureOf(out, "ncpc").contains("2913330"));
  }

  @Test
  void ogrinfoReadsPatrolProvidersOnAPastDate() throws Exception {
    String out =
        run(
            "-ro",
            "-al",
            "-q",
            "-geom=SUMMARY",
            "OAPIF:" + base + "/ogc",
            "patrol",
            "-where",
            "date = '2016-06-01'");
    int expected = layerSize("patrol?date=2016-06-01");
    assertTrue(expected > 10, "more than one GDAL page");
    assertEquals(expected, count(out, "OGRFeature(patrol):"), out);
    assertEquals(
        expected,
        count(out, "date (Date) = 2016/06/01"),
        "every feature is the coverage of 2016-06-01");
    assertTrue(
        featureOf(out, "ncpc").contains("2913330"), "the cooperative patrolled Charlack then");
    assertFalse(featureOf(out, "st-ann-pd").contains("2913330"));
  }

  @Test
  void ogrinfoWhereOnPropertiesReadsTheSameContractsAsTheApiLayers() throws Exception {
    JsonNode fc = TestHttp.getJson(base + "/api/layers/contracts?agency=slcpd");
    java.util.Map<String, Integer> byFunction = new java.util.TreeMap<>();
    for (JsonNode f : fc.get("features")) {
      byFunction.merge(f.at("/properties/function").asText(), 1, Integer::sum);
    }
    String function =
        byFunction.entrySet().stream()
            .max(java.util.Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    int expected = byFunction.get(function);
    int all = TestHttp.getJson(base + "/api/layers/contracts").get("features").size();
    assertTrue(expected > 0 && expected < all, byFunction + " of " + all);
    String out =
        run(
            "-ro",
            "-al",
            "-q",
            "-geom=SUMMARY",
            "OAPIF:" + base + "/ogc",
            "contracts",
            "-where",
            "agency_id = 'slcpd' AND function = '" + function + "'");
    assertEquals(expected, count(out, "OGRFeature(contracts):"), out);
    assertEquals(expected, count(out, "function (String) = " + function));
  }
}
