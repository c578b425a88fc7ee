package org.patrolmap.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.patrolmap.layers.Column;
import org.patrolmap.layers.Nena;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * GeoPackage downloads of the real St. Louis import, read back with GDAL's {@code ogrinfo} and with
 * NGA's GeoPackage library: the NENA pair has the official template's tables, fields, types and
 * lengths (the template is read from the data mirror, {@code nena/}); every feature's geometry is
 * the patrol/dispatch layer's for the date; the report lists exactly the empty required values; and
 * each layer's {@code f=gpkg} holds as many features as its GeoJSON. Under {@code CI=true} missing
 * GDAL or template fails the test.
 */
class GeoPackageIT {
  private static final String DATE = "2024-05-01";
  private static final Pattern COUNT = Pattern.compile("Feature Count: (\\d+)");
  private static String ogrinfo;
  private static Path template;
  private static String base;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    ogrinfo = TestServer.ogrinfo();
    base = TestServer.get().baseUrl();
    Path mirror = TestServer.get().appConfig().dataMirror();
    template = mirror == null ? null : mirror.resolve("nena/NG911_GISDataModelTemplate_v3.0.gpkg");
    TestServer.requireOrSkip(
        template != null && Files.isRegularFile(template),
        "the NENA template is not in the data mirror (nena/NG911_GISDataModelTemplate_v3.0.gpkg)");
  }

  private static String ogrinfo(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ogrinfo));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "ogrinfo did not end");
    assertEquals(0, p.exitValue(), () -> String.join(" ", cmd) + "\n" + out);
    assertFalse(out.contains("ERROR"), out);
    return out;
  }

  private static Path download(String pathAndQuery, String name) throws IOException {
    HttpResponse<byte[]> res = TestHttp.get(base + pathAndQuery);
    assertEquals(200, res.statusCode(), () -> new String(res.body(), StandardCharsets.UTF_8));
    assertEquals(
        "application/geopackage+sqlite3", res.headers().firstValue("Content-Type").orElseThrow());
    Path f = tmp.resolve(name);
    Files.write(f, res.body());
    return f;
  }

  /**
   * The structure lines of {@code ogrinfo -so}: geometry type, SRS id, FID and geometry columns,
   * then each field with type, width and NOT NULL — no counts, extents or warnings.
   */
  private static List<String> structure(Path gpkg, String table) throws Exception {
    String out = ogrinfo("-ro", "-so", gpkg.toString(), table);
    List<String> lines = new ArrayList<>();
    boolean fields = false;
    for (String line : out.split("\n")) {
      if (line.startsWith("Geometry: ")
          || line.startsWith("FID Column")
          || line.startsWith("Geometry Column")
          || line.contains("ID[\"EPSG\",")
          || line.startsWith("Data axis")) {
        lines.add(line.trim());
      }
      if (line.startsWith("Geometry Column")) {
        fields = true;
        continue;
      }
      if (fields && line.contains(": ")) {
        lines.add(line.trim());
      }
    }
    return lines;
  }

  @Test
  void nenaGeoPackageTablesFieldsTypesAndLengthsEqualTheTemplate() throws Exception {
    Path ours = download("/api/nena?f=gpkg&date=" + DATE, "nena.gpkg");
    for (String table : List.of("PsapPolygon", "PolicePolygon")) {
      List<String> expected = structure(template, table);
      assertTrue(expected.size() > 11, expected.toString());
      assertEquals(expected, structure(ours, table), table);
    }
    // the schema in the model matches the template too (names, order, lengths, NOT NULL)
    List<String> fromModel = new ArrayList<>();
    for (Column c : Nena.COLUMNS) {
      fromModel.add(
          c.name()
              + ": "
              + (c.type() == Column.Type.TEXT ? "String (" + c.length() + ".0)" : "DateTime (0.0)")
              + (c.notNull() ? " NOT NULL" : ""));
    }
    List<String> fields = structure(template, "PsapPolygon");
    assertEquals(fromModel, fields.subList(fields.size() - fromModel.size(), fields.size()));
  }

  @Test
  void nenaFeaturesHaveTheProviderLayersGeometryAndTheReportListsEachEmptyRequiredValue()
      throws Exception {
    Path ours = download("/api/nena?f=gpkg&date=" + DATE, "nena-check.gpkg");
    JsonNode report = TestHttp.getJson(base + "/api/nena?date=" + DATE);
    int gapsInFile = 0;
    try (GeoPackage gp = GeoPackageManager.open(ours.toFile(), false)) {
      assertTrue(gp.getFeatureTables().containsAll(List.of("PsapPolygon", "PolicePolygon")));
      for (String[] pair :
          List.of(
              new String[] {"PsapPolygon", "nena-psap", "dispatch", "psap-"},
              new String[] {"PolicePolygon", "nena-police", "patrol", "police-"})) {
        Map<String, Geometry> provider = new HashMap<>();
        GeoJsonReader gj = new GeoJsonReader();
        for (JsonNode f :
            TestHttp.getJson(base + "/api/layers/" + pair[2] + "?date=" + DATE).get("features")) {
          JsonNode agency = f.path("properties").path("agency_id");
          if (!agency.isNull()) {
            provider.put(agency.asText(), gj.read(f.get("geometry").toString()));
          }
        }
        FeatureDao dao = gp.getFeatureDao(pair[0]);
        assertEquals(provider.size(), dao.count(), pair[0] + ": one feature per known agency");
        int n = 0;
        FeatureResultSet rows = dao.queryForAll();
        try {
          while (rows.moveToNext()) {
            FeatureRow row = rows.getRow();
            String nguid = (String) row.getValue("NGUID");
            String agency = nguid.split(":")[5];
            Geometry g = new WKBReader().read(row.getGeometry().getWkb());
            Geometry expected = provider.get(agency);
            assertTrue(expected != null, nguid);
            assertTrue(
                DiscreteHausdorffDistance.distance(g, expected) < 2e-6,
                nguid + " has the " + pair[2] + " layer's geometry");
            assertTrue(((String) row.getValue("DsplayName")).length() <= 60);
            for (Column c : Nena.COLUMNS) {
              if (c.notNull() && "".equals(row.getValue(c.name()))) {
                gapsInFile++;
              }
            }
            n++;
          }
        } finally {
          rows.close();
        }
        assertEquals(provider.size(), n);
      }
    }
    assertEquals(gapsInFile, report.get("gaps").size(), "the report lists each empty value");
    assertTrue(gapsInFile > 0, "ServiceURI is unknown for every agency");
  }

  @Test
  void eachLayersGeoPackageHasAsManyFeaturesAsItsGeoJson() throws Exception {
    for (String id :
        List.of("areas", "patrol", "dispatch", "contracts", "footprints", "nena-psap")) {
      int expected =
          TestHttp.getJson(base + "/api/layers/" + id + "?date=" + DATE).get("features").size();
      Path f = download("/api/layers/" + id + "?f=gpkg&date=" + DATE, id + ".gpkg");
      String out = ogrinfo("-ro", "-so", "-al", f.toString());
      Matcher m = COUNT.matcher(out);
      assertTrue(m.find(), out);
      assertEquals(expected, Integer.parseInt(m.group(1)), id + "\n" + out);
    }
  }
}
