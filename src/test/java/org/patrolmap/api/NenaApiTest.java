package org.patrolmap.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.patrolmap.testing.TinyDataset.ALDERBROOK_PD;
import static org.patrolmap.testing.TinyDataset.BIRCHFIELD;
import static org.patrolmap.testing.TinyDataset.COOPERATIVE;
import static org.patrolmap.testing.TinyDataset.COUNTY_COMMS;
import static org.patrolmap.testing.TinyDataset.RIVERTON_PD;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.Nena;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyDataset;
import org.patrolmap.testing.TinyServer;

/**
 * The NENA NG9-1-1 layers ({@code nena-psap}, {@code nena-police}), their gap report, the agency
 * vCard and the CSV download, on the tiny dataset.
 */
class NenaApiTest {
  private static final TinyServer server = TinyServer.shared();

  private static Map<String, JsonNode> byId(String layerAndQuery) {
    JsonNode fc = TestHttp.getJson(server.url("/api/layers/" + layerAndQuery));
    Map<String, JsonNode> out = new TreeMap<>();
    fc.path("features").forEach(f -> out.put(f.path("id").asText(), f.path("properties")));
    return out;
  }

  @Test
  void policeLayerHasOneFeatureperKnownAgencyWithExactlyTheNenaFields() {
    Map<String, JsonNode> f = byId("nena-police?date=2024-05-01");
    assertEquals(
        List.of(
            "police-" + ALDERBROOK_PD,
            "police-" + COOPERATIVE,
            "police-" + RIVERTON_PD,
            "police-" + TinyDataset.COUNTY_PD),
        new ArrayList<>(f.keySet()));
    for (JsonNode p : f.values()) {
      List<String> names = new ArrayList<>();
      p.fieldNames().forEachRemaining(names::add);
      assertEquals(Nena.COLUMNS.stream().map(c -> c.name()).toList(), names);
      assertEquals("urn:emergency:service:responder.police", p.path("ServiceURN").asText());
      assertEquals("patrolmap.example.org", p.path("DiscrpAgID").asText());
      assertEquals("2024-04-30T12:00:00.000Z", p.path("DateUpdate").asText());
      assertEquals("", p.path("ServiceURI").asText(), "no SIP URI is known: empty, not guessed");
      assertTrue(p.path("DsplayName").asText().length() <= 60);
    }
    JsonNode alder = f.get("police-" + ALDERBROOK_PD);
    assertEquals(
        "urn:emergency:uid:gis:Pol:alderbrook-pd:patrolmap.example.org",
        alder.path("NGUID").asText());
    assertEquals("alderbrook.example", alder.path("Agency_ID").asText());
    assertEquals("3145550101", alder.path("ServiceNum").asText());
    assertEquals(
        "https://patrolmap.example.org/api/agencies/alderbrook-pd/vcard?f=jcard",
        alder.path("AVcard_URI").asText());
    assertTrue(alder.path("Effective").isNull(), "own department since an unknown day");
    JsonNode coop = f.get("police-" + COOPERATIVE);
    assertEquals("2012-01-01T06:00:00.000Z", coop.path("Effective").asText(), "midnight CST");
    assertEquals("", coop.path("Agency_ID").asText(), "no website recorded: empty");
    assertTrue(coop.path("ServiceNum").isNull());
  }

  @Test
  void expireIsTheNextChangeOfTheAgencysPolygon() {
    JsonNode alder = byId("nena-police?date=2019-06-01").get("police-" + ALDERBROOK_PD);
    assertEquals("2020-07-01T05:00:00.000Z", alder.path("Expire").asText(), "midnight CDT");
    JsonNode county = byId("nena-police?date=2024-05-01").get("police-" + TinyDataset.COUNTY_PD);
    assertTrue(county.path("Expire").isNull());
  }

  @Test
  void psapLayerLeavesOutAreasWithNoKnownDispatcher() {
    Map<String, JsonNode> f = byId("nena-psap?date=2024-05-01");
    assertEquals(List.of("psap-" + RIVERTON_PD, "psap-" + COUNTY_COMMS), List.copyOf(f.keySet()));
    f.values()
        .forEach(
            p -> assertEquals("urn:emergency:service:sos.psap", p.path("ServiceURN").asText()));
    JsonNode report = TestHttp.getJson(server.url("/api/nena?date=2024-05-01"));
    JsonNode psap = report.path("layers").get(0);
    assertEquals("PsapPolygon", psap.path("table").asText());
    assertEquals(2, psap.path("features").asInt());
    assertEquals(BIRCHFIELD, psap.path("areas_left_out_unknown").get(0).asText());
  }

  @Test
  void reportListsEveryMissingRequiredValueWithAReason() {
    JsonNode report = TestHttp.getJson(server.url("/api/nena?date=2024-05-01"));
    List<String> gaps = new ArrayList<>();
    report
        .path("gaps")
        .forEach(
            g -> {
              assertFalse(g.path("reason").asText().isBlank());
              gaps.add(g.path("feature_id").asText() + ":" + g.path("field").asText());
            });
    // six features: each lacks ServiceURI; all but Alderbrook PD lack Agency_ID
    assertEquals(6 + 5, gaps.size(), gaps.toString());
    assertTrue(gaps.contains("police-" + COOPERATIVE + ":Agency_ID"));
    assertFalse(gaps.contains("police-" + ALDERBROOK_PD + ":Agency_ID"));
    assertTrue(gaps.contains("psap-" + COUNTY_COMMS + ":ServiceURI"));
  }

  @Test
  void withoutConfigurationDiscrepancyAgencyNguidAndVcardAreGaps() {
    Layers unconfigured = new Layers();
    Layer l = unconfigured.get(new TinyDataset().current(), "nena-psap", LocalDate.of(2024, 5, 1));
    for (LayerFeature f : l.features()) {
      assertEquals("", f.properties().get("DiscrpAgID"));
      assertEquals("", f.properties().get("NGUID"));
      assertEquals("", f.properties().get("AVcard_URI"));
    }
    List<String> fields =
        Nena.gaps(new TinyDataset().current(), l).stream()
            .map(Nena.Gap::field)
            .distinct()
            .sorted()
            .toList();
    assertEquals(List.of("AVcard_URI", "Agency_ID", "DiscrpAgID", "NGUID", "ServiceURI"), fields);
  }

  @Test
  void agencyVcardIsRfc6350WithRecordedContactsOnly() {
    HttpResponse<byte[]> res =
        TestHttp.get(server.url("/api/agencies/" + ALDERBROOK_PD + "/vcard"));
    assertEquals(200, res.statusCode());
    assertTrue(res.headers().firstValue("Content-Type").orElseThrow().startsWith("text/vcard"));
    String card = new String(res.body(), StandardCharsets.UTF_8);
    assertTrue(card.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n"), card);
    assertTrue(card.endsWith("END:VCARD\r\n"), card);
    assertTrue(card.contains("\r\nFN:Alderbrook Police Department\r\n"), card);
    assertTrue(card.contains("TEL;TYPE=\"work,voice\";VALUE=uri:tel:+1-314-555-0101\r\n"), card);
    assertTrue(card.contains("\r\nURL:https://alderbrook.example/police\r\n"), card);
    for (String line : card.split("\r\n")) {
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
    }
    JsonNode j = TestHttp.getJson(server.url("/api/agencies/" + COOPERATIVE + "/vcard?f=jcard"));
    assertEquals("vcard", j.get(0).asText());
    List<String> names = new ArrayList<>();
    j.get(1).forEach(row -> names.add(row.get(0).asText() + "=" + row.get(3).asText()));
    assertTrue(names.contains("fn=Dunmore Area Police Cooperative"), names.toString());
    assertFalse(names.stream().anyMatch(n -> n.startsWith("tel=")), "no phone recorded");
  }

  @Test
  void vcardEscapesTextValues() {
    assertEquals("a\\, b\\; c\\\\d\\ne", AgencyCard.escape("a, b; c\\d\ne"));
  }

  @Test
  void unknownAgencyVcardIs404AndBadFormatIs400() {
    assertEquals(404, TestHttp.get(server.url("/api/agencies/nobody/vcard")).statusCode());
    HttpResponse<byte[]> bad =
        TestHttp.get(server.url("/api/agencies/" + ALDERBROOK_PD + "/vcard?f=xml"));
    assertEquals(400, bad.statusCode());
    assertTrue(TestHttp.json(bad).path("details").has("f"));
  }

  @Test
  void csvDownloadHasTheTableColumnsThenWkt() {
    HttpResponse<byte[]> res = TestHttp.get(server.url("/api/layers/nena-police?f=csv"));
    assertEquals(200, res.statusCode());
    assertTrue(
        res.headers()
            .firstValue("Content-Disposition")
            .orElseThrow()
            .contains("patrolmap-nena-police-2024-05-01.csv"));
    String[] lines = new String(res.body(), StandardCharsets.UTF_8).split("\n");
    assertEquals(
        "DiscrpAgID,DateUpdate,Effective,Expire,NGUID,Agency_ID,ServiceURI,ServiceURN,ServiceNum,"
            + "AVcard_URI,DsplayName,wkt",
        lines[0]);
    assertEquals(1 + 4, lines.length);
    assertTrue(lines[1].contains(",\"MULTIPOLYGON (((-90."), lines[1]);
    String patrol =
        new String(
            TestHttp.get(server.url("/api/layers/patrol?f=csv")).body(), StandardCharsets.UTF_8);
    assertTrue(patrol.startsWith("feature_id,status,function,agency_id,agency_name,"), patrol);
  }

  @Test
  void unknownFormatIs400NamingF() {
    HttpResponse<byte[]> res = TestHttp.get(server.url("/api/layers/patrol?f=shp"));
    assertEquals(400, res.statusCode());
    assertTrue(TestHttp.json(res).path("details").has("f"));
    assertEquals(400, TestHttp.get(server.url("/api/nena?f=csv")).statusCode());
    assertEquals(400, TestHttp.get(server.url("/api/nena?date=2024-13-01")).statusCode());
  }
}
