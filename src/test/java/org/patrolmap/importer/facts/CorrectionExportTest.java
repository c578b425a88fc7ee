package org.patrolmap.importer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionTopic;
import org.patrolmap.testing.TinyDataset;

/** Accepted corrections as rows of the data/ tables, against tiny tables in a temp folder. */
class CorrectionExportTest {
  private static final String SERVICES =
      String.join(",", FactColumns.SERVICES)
          + "\n"
          + "birchfield-patrol-1,2999002,Birchfield,patrol,alderbrook-pd,contract,2016-03-01,2020-07-01,high,alderbrook-birchfield-2016,Old contract.\n"
          + "birchfield-patrol-2,2999002,Birchfield,patrol,tiny-county-pd,contract,2020-07-01,,high,county-minutes-2020,\"Board minutes, 2020.\"\n";
  private static final String AGENCIES =
      String.join(",", FactColumns.AGENCIES)
          + "\n"
          + "alderbrook-pd,Alderbrook Police Department,police_department,314-555-0101,,,,,alderbrook-site,\n";
  private static final String SOURCES =
      String.join(",", FactColumns.SOURCES) + "\nalderbrook-site,Police,City,https://a.example,,\n";

  @TempDir Path data;

  private void tables() throws Exception {
    Files.writeString(data.resolve("services.csv"), SERVICES, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("agencies.csv"), AGENCIES, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("sources.csv"), SOURCES, StandardCharsets.UTF_8);
  }

  private static Correction accepted(
      String id, CorrectionTopic topic, String agency, String proposedAgency, String problem) {
    return new Correction(
        id,
        Instant.parse("2024-04-01T10:00:00Z"),
        "accepted",
        new Correction.Submission(
            TinyDataset.BIRCHFIELD,
            agency,
            topic,
            problem,
            "=HYPERLINK(\"http://evil.example\")",
            proposedAgency,
            proposedAgency == null ? null : Arrangement.CONTRACT,
            "https://birchfield.example/minutes",
            "@SUM(A1)",
            LocalDate.of(2024, 3, 1),
            null),
        null,
        null,
        42,
        Instant.parse("2024-04-02T10:00:00Z"),
        "127.0.0.1 token abcd1234",
        "Checked\nthe minutes.");
  }

  @Test
  void aProviderCorrectionClosesTheOpenRowAndAddsTheNextOneCitingItsSource() throws Exception {
    tables();
    CorrectionExport.Result r =
        CorrectionExport.rows(
            List.of(
                accepted(
                    "c-00000000000000aa",
                    CorrectionTopic.PATROL,
                    null,
                    TinyDataset.ALDERBROOK_PD,
                    "-1 wrong provider")),
            TinyDataset.build(),
            data);
    List<Map<String, String>> services = r.rows().get("services.csv");
    assertEquals(2, services.size(), services::toString);
    assertEquals("birchfield-patrol-2", services.get(0).get("id"));
    assertEquals("2024-03-01", services.get(0).get("valid_to"));
    assertEquals("Board minutes, 2020.", services.get(0).get("note"), "the old row is kept as is");
    Map<String, String> added = services.get(1);
    assertEquals("birchfield-patrol-3", added.get("id"));
    assertEquals("alderbrook-pd", added.get("agency_id"));
    assertEquals("contract", added.get("arrangement"));
    assertEquals("2024-03-01", added.get("valid_from"));
    assertEquals("correction-00000000000000aa", added.get("source_ids"));
    Map<String, String> source = r.rows().get("sources.csv").get(0);
    assertEquals("'@SUM(A1)", source.get("title"), "formulas are neutralised");
    assertTrue(source.get("note").contains("accepted: Checked the minutes."), source.get("note"));
    assertTrue(added.get("note").startsWith("From public correction"), added.get("note"));

    // Merged into the tables: the old line replaced, the new ones appended, the rest unchanged.
    CorrectionExport.apply(r, data);
    String merged = Files.readString(data.resolve("services.csv"), StandardCharsets.UTF_8);
    assertTrue(
        merged.contains(
            "birchfield-patrol-1,2999002,Birchfield,patrol,alderbrook-pd,contract,2016-03-01,2020-07-01,high,alderbrook-birchfield-2016,Old contract.\n"));
    assertTrue(
        merged.contains(
            "birchfield-patrol-2,2999002,Birchfield,patrol,tiny-county-pd,contract,2020-07-01,2024-03-01,high,county-minutes-2020,\"Board minutes, 2020.\"\n"),
        merged);
    assertTrue(merged.endsWith("\n") && merged.contains("\nbirchfield-patrol-3,"), merged);
    assertEquals(3, Csv.read(data.resolve("services.csv"), List.of("id")).size());
    assertTrue(
        Files.readString(data.resolve("sources.csv"))
            .contains("correction-00000000000000aa,'@SUM(A1),"));
  }

  @Test
  void aContactCorrectionCopiesTheAgencyRowAndSaysWhatNeedsAPerson() throws Exception {
    tables();
    CorrectionExport.Result r =
        CorrectionExport.rows(
            List.of(
                accepted(
                    "c-00000000000000bb",
                    CorrectionTopic.CONTACT,
                    TinyDataset.ALDERBROOK_PD,
                    null,
                    "+1 is the wrong number")),
            TinyDataset.build(),
            data);
    Map<String, String> agency = r.rows().get("agencies.csv").get(0);
    assertEquals("alderbrook-site;correction-00000000000000bb", agency.get("source_ids"));
    assertEquals(
        "314-555-0101", agency.get("phone"), "the maintainer moves the proposal into place");
    assertTrue(r.attention().stream().anyMatch(a -> a.contains("move the proposed contact")));
    assertEquals(List.of(), r.rows().get("services.csv"));
  }

  @Test
  void idsAndSlugsFollowTheDataConventions() {
    assertEquals("st-ann", CorrectionExport.slug("St. Ann"));
    assertEquals("town-and-country", CorrectionExport.slug("Town and Country"));
    assertEquals(
        "charlack-patrol-4",
        CorrectionExport.nextId(
            "charlack",
            "patrol",
            java.util.Set.of("charlack-patrol-3", "charlack-dispatch-7", "x")));
    assertEquals("'=1+1", CorrectionExport.safe("=1+1"));
    assertEquals("plain", CorrectionExport.safe("plain"));
  }
}
