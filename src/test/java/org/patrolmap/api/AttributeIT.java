package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.patrolmap.App;
import org.patrolmap.geo.LonLat;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;
import picocli.CommandLine;

/**
 * {@code POST /api/attribute} and {@code patrolmap attribute} on the real St. Louis import: a
 * 10,000-row dated file, Charlack's history (own department, NCPC from 2015-10-01, St. Ann PD from
 * 2018-09-12), row-by-row equality with {@code /api/lookup}, and the command line giving the same
 * bytes as HTTP.
 */
class AttributeIT {
  private static final String CHARLACK = "2913330";
  private static final LocalDate NCPC_FROM = LocalDate.of(2015, 10, 1);
  private static final LocalDate ST_ANN_FROM = LocalDate.of(2018, 9, 12);

  @TempDir Path tmp;

  /** 10,000 rows: every fifth in Charlack, the rest anywhere in the two counties' envelope. */
  private static String tenThousandRows(Dataset d) {
    Area charlack = d.areas().get(CHARLACK);
    Envelope ce = charlack.geom().getEnvelopeInternal();
    Envelope all = new Envelope();
    d.areas().values().forEach(a -> all.expandToInclude(a.geom().getEnvelopeInternal()));
    SplittableRandom r = new SplittableRandom(17);
    StringBuilder sb = new StringBuilder("case_id,longitude,latitude,incident_date\n");
    long from = LocalDate.of(2014, 1, 1).toEpochDay();
    long to = LocalDate.of(2026, 11, 1).toEpochDay();
    int i = 0;
    while (i < 10_000) {
      Envelope e = i % 5 == 0 ? ce : all;
      double lon = e.getMinX() + r.nextDouble() * e.getWidth();
      double lat = e.getMinY() + r.nextDouble() * e.getHeight();
      String lonText = String.format(Locale.ROOT, "%.6f", lon);
      String latText = String.format(Locale.ROOT, "%.6f", lat);
      if (i % 5 == 0
          && !d.areaAt(new LonLat(Double.parseDouble(lonText), Double.parseDouble(latText)))
              .map(a -> a.id().equals(CHARLACK))
              .orElse(false)) {
        continue;
      }
      LocalDate date = LocalDate.ofEpochDay(from + r.nextLong(to - from));
      sb.append("c").append(i).append(',').append(lonText).append(',').append(latText);
      sb.append(',').append(date).append('\n');
      i++;
    }
    return sb.toString();
  }

  @Test
  void charlackIsNcpcUntilSeptember2018AndStAnnAfterAndEveryRowMatchesTheLookup()
      throws IOException {
    TestServer s = TestServer.get();
    Dataset d = s.running().datasets().current();
    String csv = tenThousandRows(d);
    HttpResponse<byte[]> res =
        TestHttp.post(
            s.baseUrl() + "/api/attribute", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, res.statusCode());
    List<Map<String, String>> rows = AttributeApiTest.rows(res.body());
    assertEquals(10_000, rows.size());
    int charlack = 0;
    int ncpc = 0;
    int stAnn = 0;
    for (Map<String, String> row : rows) {
      if (!CHARLACK.equals(row.get("pm_area_id"))) {
        continue;
      }
      charlack++;
      LocalDate date = LocalDate.parse(row.get("incident_date"));
      String expected =
          date.isBefore(NCPC_FROM)
              ? "charlack-pd"
              : date.isBefore(ST_ANN_FROM) ? "ncpc" : "st-ann-pd";
      assertEquals(expected, row.get("pm_patrol_agency_id"), row.toString());
      ncpc += expected.equals("ncpc") ? 1 : 0;
      stAnn += expected.equals("st-ann-pd") ? 1 : 0;
    }
    assertTrue(charlack >= 2000 && ncpc > 100 && stAnn > 100, charlack + " " + ncpc + " " + stAnn);

    List<Map<String, String>> sample = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 25) {
      sample.add(rows.get(i));
    }
    for (Map<String, String> row : sample) {
      HttpResponse<byte[]> lr =
          TestHttp.get(
              s.baseUrl()
                  + "/api/lookup?lon="
                  + row.get("longitude")
                  + "&lat="
                  + row.get("latitude")
                  + "&date="
                  + row.get("incident_date"));
      if (lr.statusCode() == 404) {
        assertEquals("outside_region", row.get("pm_status"), row.toString());
        continue;
      }
      JsonNode l = TestHttp.json(lr);
      assertEquals("ok", row.get("pm_status"));
      assertEquals(l.at("/area/id").asText(), row.get("pm_area_id"), row.toString());
      assertEquals(l.at("/area/kind").asText(), row.get("pm_area_kind"));
      assertEquals(l.at("/patrol/status").asText(), row.get("pm_patrol_status"));
      assertEquals(l.at("/patrol/agency/id").asText(""), row.get("pm_patrol_agency_id"));
      assertEquals(l.at("/patrol/arrangement").asText(""), row.get("pm_patrol_arrangement"));
      assertEquals(l.at("/patrol/confidence").asText(""), row.get("pm_patrol_confidence"));
      assertEquals(l.at("/dispatch/status").asText(), row.get("pm_dispatch_status"));
      assertEquals(l.at("/dispatch/agency/id").asText(""), row.get("pm_dispatch_agency_id"));
      List<String> contracts = new ArrayList<>();
      l.get("contracts")
          .forEach(
              c ->
                  contracts.add(c.get("function").asText() + ": " + c.at("/agency/name").asText()));
      assertEquals(String.join("; ", contracts), row.get("pm_contracts"));
      assertEquals(String.valueOf(l.get("near_boundary").size() > 0), row.get("pm_near_boundary"));
    }

    Path in = tmp.resolve("points.csv");
    Path out = tmp.resolve("attributed.csv");
    Files.writeString(in, csv, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new App())
            .execute(
                "attribute",
                in.toString(),
                "-o",
                out.toString(),
                "--db-url",
                s.appConfig().dbUrl());
    assertEquals(0, exit);
    assertArrayEquals(
        res.body(), Files.readAllBytes(out), "the command line writes what HTTP sends");
  }
}
