package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK_PD;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.COUNTY_PD;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.patrolmap.attribute.Attributor;
import org.patrolmap.csv.CsvReader;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyServer;

/** {@code POST /api/attribute} over the tiny dataset: dated attribution and every bad input. */
class AttributeApiTest {
  private static final TinyServer server = TinyServer.shared();

  static HttpResponse<byte[]> post(String query, String contentType, byte[] body) {
    return TestHttp.post(server.url("/api/attribute" + query), contentType, body);
  }

  static HttpResponse<byte[]> postCsv(String query, String csv) {
    return post(query, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  /** The answer's rows as maps column → cell (header first), read with the service's reader. */
  static List<Map<String, String>> rows(byte[] csv) {
    try {
      CsvReader r = new CsvReader(new ByteArrayInputStream(csv), 1 << 20);
      List<String> header = r.next().cells();
      List<Map<String, String>> out = new ArrayList<>();
      for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
        assertEquals(header.size(), rec.cells().size(), "rectangular output, line " + rec.line());
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          m.put(header.get(i), rec.cells().get(i));
        }
        out.add(m);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void rowsAreAttributedOnTheirOwnDates() {
    HttpResponse<byte[]> res =
        postCsv(
            "",
            "id,lat,lon,date\n"
                + "1,38.705,-90.29,2019-12-31\n"
                + "2,38.705,-90.29,2020-07-01\n"
                + "3,38.705,-90.29,\n"
                + "4,38.705,-90.31,7/4/2016 13:45\n");
    assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<Map<String, String>> r = rows(res.body());
    assertEquals(4, r.size());
    assertEquals(BIRCHFIELD, r.get(0).get("pm_area_id"));
    assertEquals(ALDERBROOK_PD, r.get(0).get("pm_patrol_agency_id"), "before the change");
    assertEquals(COUNTY_PD, r.get(1).get("pm_patrol_agency_id"), "from the change on");
    assertEquals(TinyServer.TODAY.toString(), r.get(2).get("pm_date"), "no date: today");
    assertEquals("2016-07-04", r.get(3).get("pm_date"));
    assertEquals(ALDERBROOK, r.get(3).get("pm_area_id"));
    assertEquals("1", r.get(0).get("id"), "input cells are kept");
    assertEquals("-90.29", r.get(0).get("lon"), "a negative number is not formula-guarded");
  }

  @Test
  void eachRowEqualsTheLookupAnswer() {
    String[] dates = {"2010-01-01", "2014-06-30", "2020-06-30", "2020-07-01", "2024-05-01"};
    StringBuilder csv = new StringBuilder("lon,lat,date\n");
    List<double[]> pts = new ArrayList<>();
    for (double lon = -90.3195; lon < -90.24; lon += 0.0061) {
      for (double lat = 38.7005; lat < 38.72; lat += 0.0033) {
        pts.add(new double[] {lon, lat});
      }
    }
    pts.add(new double[] {-90.3001, 38.705}); // 8.7 m from Birchfield
    for (int i = 0; i < pts.size(); i++) {
      csv.append(
          String.format(
              java.util.Locale.ROOT,
              "%.6f,%.6f,%s%n",
              pts.get(i)[0],
              pts.get(i)[1],
              dates[i % dates.length]));
    }
    List<Map<String, String>> r = rows(postCsv("", csv.toString()).body());
    assertEquals(pts.size(), r.size());
    int near = 0;
    for (Map<String, String> row : r) {
      JsonNode l =
          TestHttp.getJson(
              server.url(
                  "/api/lookup?lon="
                      + row.get("lon")
                      + "&lat="
                      + row.get("lat")
                      + "&date="
                      + row.get("date")));
      assertEquals(l.at("/area/id").asText(), row.get("pm_area_id"), row.toString());
      assertEquals(l.at("/area/name").asText(), row.get("pm_area_name"));
      assertEquals(l.at("/area/kind").asText(), row.get("pm_area_kind"));
      assertEquals(l.at("/patrol/status").asText(), row.get("pm_patrol_status"));
      assertEquals(l.at("/patrol/agency/id").asText(""), row.get("pm_patrol_agency_id"));
      assertEquals(l.at("/patrol/agency/name").asText(""), row.get("pm_patrol_agency"));
      assertEquals(l.at("/patrol/arrangement").asText(""), row.get("pm_patrol_arrangement"));
      assertEquals(l.at("/patrol/confidence").asText(""), row.get("pm_patrol_confidence"));
      assertEquals(l.at("/dispatch/agency/id").asText(""), row.get("pm_dispatch_agency_id"));
      List<String> contracts = new ArrayList<>();
      l.get("contracts")
          .forEach(
              c ->
                  contracts.add(c.get("function").asText() + ": " + c.at("/agency/name").asText()));
      assertEquals(String.join("; ", contracts), row.get("pm_contracts"));
      boolean n = l.get("near_boundary").size() > 0;
      near += n ? 1 : 0;
      assertEquals(String.valueOf(n), row.get("pm_near_boundary"));
    }
    assertTrue(near > 0, "the sample includes points near a boundary");
  }

  @Test
  void unreadableRowsGetAnErrorAndTheRestGoesOn() {
    String csv =
        "name,lon,lat,date\n"
            + "=cmd|' /C calc'!A0,-90.31,38.705,2020-01-01\n"
            + "bad lon,abc,38.705,2020-01-01\n"
            + "old,-90.31,38.705,1700-01-01\n"
            + "badday,-90.31,38.705,2020-02-30\n"
            + "outside,-90.10,38.60,2020-01-01\n"
            + "far away,200,38.6,2020-01-01\n"
            + "extra,-90.31,38.705,2020-01-01,surplus\n"
            + "short,-90.31\n"
            + "\"multi\nline\",-90.31,38.705,2020-01-01\n";
    List<Map<String, String>> r = rows(postCsv("", csv).body());
    assertEquals(9, r.size());
    assertEquals("'=cmd|' /C calc'!A0", r.get(0).get("name"), "formula guard on echoed cells");
    assertEquals("ok", r.get(0).get("pm_status"));
    assertEquals("error", r.get(1).get("pm_status"));
    assertTrue(
        r.get(1).get("pm_error").startsWith("line 3, column lon: must be a decimal"),
        r.get(1).get("pm_error"));
    assertTrue(
        r.get(2).get("pm_error").startsWith("line 4, column date: must be between 1800"),
        r.get(2).get("pm_error"));
    assertTrue(r.get(3).get("pm_error").contains("not a calendar date"));
    assertEquals("outside_region", r.get(4).get("pm_status"), "outside the counties is a status");
    assertEquals("", r.get(4).get("pm_error"));
    assertTrue(r.get(5).get("pm_error").contains("column lon: must be between -180 and 180"));
    assertTrue(r.get(6).get("pm_error").contains("5 cells, the header has 4"));
    assertTrue(
        r.get(7).get("pm_error").startsWith("line 9, column lat: is required"),
        r.get(7).get("pm_error"));
    assertEquals("multi\nline", r.get(8).get("name"));
    assertEquals("ok", r.get(8).get("pm_status"));
  }

  @Test
  void aTenMegabyteLineIsAnErrorRowNotAFailure() {
    String csv = "lon,lat,note\n-90.31,38.705," + "x".repeat(10 << 20) + "\n-90.29,38.705,fine\n";
    HttpResponse<byte[]> res = postCsv("?date=2021-01-01", csv);
    assertEquals(200, res.statusCode());
    List<Map<String, String>> r = rows(res.body());
    assertEquals("error", r.get(0).get("pm_status"));
    assertTrue(r.get(0).get("pm_error").contains("longer than"));
    assertEquals(COUNTY_PD, r.get(1).get("pm_patrol_agency_id"));
  }

  @Test
  void columnsCanBeNamedAndSemicolonsAndBomAreRead() {
    byte[] body =
        ("\uFEFFX Coord;Y Coord;Occurred\n-90,29;38,705;2019-01-01\n-90.29;38.705;2019-01-01\n")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> res =
        post("?lon_column=x%20coord&lat_column=Y%20Coord&date_column=Occurred", "text/csv", body);
    assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    List<Map<String, String>> r = rows(res.body());
    assertEquals("error", r.get(0).get("pm_status"), "decimal commas are not numbers");
    assertEquals(ALDERBROOK_PD, r.get(1).get("pm_patrol_agency_id"));
    assertEquals("2019-01-01", r.get(1).get("pm_date"));
  }

  @Test
  void gzipInAndOut() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write("lon,lat\n-90.31,38.705\n".getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> res =
        TestHttp.send(
            HttpRequest.newBuilder(URI.create(server.url("/api/attribute")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/csv")
                .header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()))
                .build());
    assertEquals(200, res.statusCode());
    assertEquals("gzip", res.headers().firstValue("Content-Encoding").orElse(""));
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(res.body())).readAllBytes();
    assertEquals(ALDERBROOK, rows(plain).get(0).get("pm_area_id"));
    // a .csv.gz sent as is, without Content-Encoding, is recognised by its magic bytes
    HttpResponse<byte[]> raw = post("", "application/gzip", gz.toByteArray());
    assertEquals(ALDERBROOK, rows(raw.body()).get(0).get("pm_area_id"));
  }

  @Test
  void geoJsonPointsComeBackAsGeoJsonWithTheColumnsAsProperties() {
    String body =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":\"Point\",\"coordinates\":[-90.29,38.705]},"
            + "\"properties\":{\"date\":\"2019-12-31\",\"case\":\"A1\"}},"
            + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]},\"properties\":{}},"
            + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-90.29,38.705]},"
            + "\"properties\":{\"date\":\"2021-01-01\"}}]}";
    HttpResponse<byte[]> res =
        post("", "application/geo+json", body.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    JsonNode fc = TestHttp.json(res);
    assertEquals(3, fc.get("features").size());
    JsonNode f0 = fc.get("features").get(0);
    assertEquals(7, f0.get("id").asInt());
    assertEquals("A1", f0.at("/properties/case").asText());
    assertEquals(ALDERBROOK_PD, f0.at("/properties/pm_patrol_agency_id").asText());
    assertEquals("error", fc.at("/features/1/properties/pm_status").asText());
    assertEquals(COUNTY_PD, fc.at("/features/2/properties/pm_patrol_agency_id").asText());
  }

  @Test
  void brokenGeoJsonEndsTheCollectionWithAnErrorFeature() {
    String body =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-90.29,38.705]},\"properties\":{}},"
            + "{\"type\":\"Feature\",\"geometry\":{\"type\":";
    HttpResponse<byte[]> res = post("", "application/json", body.getBytes(StandardCharsets.UTF_8));
    JsonNode fc = TestHttp.json(res);
    assertEquals(2, fc.get("features").size());
    assertEquals("ok", fc.at("/features/0/properties/pm_status").asText());
    assertTrue(
        fc.at("/features/1/properties/pm_error")
            .asText()
            .contains("could not be read after feature 1"));
  }

  @Test
  void inputThatIsNotCsvOrGeoJsonOrHasNoCoordinatesIsAJson4xx() {
    assertError(postCsv("", "name,address\nx,1 Main St\n"), 400, "body", "no longitude column");
    assertError(postCsv("", "lon,name\n1,2\n"), 400, "body", "no latitude column");
    assertError(postCsv("", ""), 400, "body", "is empty");
    assertError(
        post("", "text/csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}),
        400,
        "body",
        "binary");
    assertError(
        post("", "application/json", "[1,2]".getBytes(StandardCharsets.UTF_8)),
        400,
        "body",
        "not a GeoJSON FeatureCollection");
    assertError(
        post("", "application/json", "{\"type\":\"Point\"}".getBytes(StandardCharsets.UTF_8)),
        400,
        "body",
        "not a FeatureCollection");
    assertError(
        post("", "application/json", "{nope".getBytes(StandardCharsets.UTF_8)),
        400,
        "body",
        "not valid JSON");
    assertError(
        postCsv("?lon_column=easting", "lon,lat\n1,2\n"), 400, "lon_column", "no column 'easting'");
    assertError(postCsv("?date=2300-01-01", "lon,lat\n1,2\n"), 400, "date", "between");
    assertEquals(400, postCsv("?color=red", "lon,lat\n").statusCode());
    assertEquals(415, post("", "multipart/form-data; boundary=x", new byte[] {1}).statusCode());
    assertEquals(
        400,
        TestHttp.send(
                HttpRequest.newBuilder(URI.create(server.url("/api/attribute")))
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString("lon,lat\n"))
                    .build())
            .statusCode(),
        "says gzip, is not");
  }

  @Test
  void aDeclaredBodyOverTheLimitIs413BeforeItIsRead() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/attribute HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: "
                  + (org.patrolmap.http.Limits.MAX_ATTRIBUTE_BODY_BYTES + 1)
                  + "\r\nConnection: close\r\n\r\nlon,lat\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = new String(s.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
      assertTrue(head.startsWith("HTTP/1.1 413"), head);
    }
  }

  @Test
  void clientsThatDisconnectMidStreamFreeTheirSlot() throws Exception {
    for (int i = 0; i < 3 * org.patrolmap.http.Limits.MAX_CONCURRENT_ATTRIBUTIONS; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /api/attribute HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] rows =
            "lon,lat\n".concat("-90.31,38.705\n".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        out.write((Integer.toHexString(rows.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(rows);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        in.readNBytes(1000); // the answer has started
      } // closed mid-upload and mid-download
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status;
    do {
      status = postCsv("", "lon,lat\n-90.31,38.705\n").statusCode();
      if (status == 200) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertEquals(200, status, "the aborted attributions released their slots");
  }

  @Test
  void beyondTheConcurrentAttributionsA503OverloadedWithRetryAfter() throws Exception {
    List<Socket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < org.patrolmap.http.Limits.MAX_CONCURRENT_ATTRIBUTIONS; i++) {
        Socket s = new Socket();
        held.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = s.getOutputStream();
        byte[] start = "lon,lat\n-90.31,38.705\n".getBytes(StandardCharsets.US_ASCII);
        out.write(
            ("POST /api/attribute HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(start.length)
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(start);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush(); // the upload stays open: the attribution holds its slot
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      HttpResponse<byte[]> res;
      do {
        res = postCsv("", "lon,lat\n-90.31,38.705\n");
      } while (res.statusCode() == 200 && System.nanoTime() < deadline);
      assertEquals(503, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
      assertEquals("overloaded", TestHttp.json(res).path("type").asText());
      assertTrue(res.headers().firstValue("Retry-After").isPresent());
    } finally {
      for (Socket s : held) {
        s.close();
      }
      // the server frees the slots once it sees the uploads end; later tests need them
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (postCsv("", "lon,lat\n-90.31,38.705\n").statusCode() != 200
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  static void assertError(HttpResponse<byte[]> res, int status, String detail, String text) {
    String body = new String(res.body(), StandardCharsets.UTF_8);
    assertEquals(status, res.statusCode(), body);
    JsonNode j = TestHttp.json(res);
    assertEquals(status, j.get("status").asInt());
    assertTrue(j.at("/details/" + detail).asText().contains(text), body);
  }

  @Test
  void theAddedColumnsAreDocumentedOnes() {
    List<Map<String, String>> r = rows(postCsv("", "lon,lat\n-90.31,38.705\n").body());
    assertTrue(r.get(0).keySet().containsAll(Attributor.COLUMNS));
  }
}
