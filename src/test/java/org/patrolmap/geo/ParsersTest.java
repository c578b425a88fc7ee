package org.patrolmap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;

class ParsersTest {
  @Test
  void lonLatParsesDecimalsAndExponents() {
    LonLat p = LonLat.parse("-90.3", "3.86e1");
    assertEquals(-90.3, p.lon());
    assertEquals(38.6, p.lat(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NaN",
        "Infinity",
        "-Infinity",
        "0x1p3",
        "1e400",
        "",
        " ",
        "1,5",
        "abc",
        "1.2.3",
        "--1",
        "1e",
        "١٢"
      })
  void lonLatRejectsNonFiniteAndMalformedNumbersNamingTheParameter(String bad) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> LonLat.parse(bad, "38.6"));
    assertEquals("lon", e.parameter());
  }

  @Test
  void lonLatRejectsOutOfRange() {
    assertEquals(
        "lat",
        assertThrows(InvalidValueException.class, () -> LonLat.parse("0", "90.0001")).parameter());
    assertEquals(
        "lon",
        assertThrows(InvalidValueException.class, () -> LonLat.parse("180.5", "0")).parameter());
  }

  @Test
  void bboxParsesFourOrSixNumbers() {
    Bbox b = Bbox.parse("bbox", "-90.5,38.4,-90.1,38.9");
    assertEquals(-90.5, b.west());
    assertEquals(38.9, b.north());
    Bbox six = Bbox.parse("bbox", "-90.5,38.4,0,-90.1,38.9,100");
    assertEquals(-90.1, six.east());
  }

  @Test
  void bboxWithWestAboveEastCrossesTheAntimeridianAsTwoEnvelopes() {
    Bbox b = Bbox.parse("bbox", "177,65,-177,70");
    assertTrue(b.crossesAntimeridian());
    assertEquals(
        List.of(new Envelope(177, 180, 65, 70), new Envelope(-180, -177, 65, 70)), b.envelopes());
    assertEquals(
        List.of(new Envelope(-90.5, -90.1, 38.4, 38.9)),
        Bbox.parse("bbox", "-90.5,38.4,-90.1,38.9").envelopes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1,2,3",
        "1,2,3,4,5",
        "-90,39,-89,38",
        "181,0,-179,1",
        "-181,0,0,1",
        "a,b,c,d",
        ",,,"
      })
  void bboxRejectsWrongCountSouthAboveNorthAndOutOfRange(String bad) {
    assertEquals(
        "bbox",
        assertThrows(InvalidValueException.class, () -> Bbox.parse("bbox", bad)).parameter());
  }

  @Test
  void isoDateFallsBackAndRejectsNonDates() {
    LocalDate today = LocalDate.of(2026, 11, 22);
    assertEquals(today, IsoDate.parse("date", null, today));
    assertEquals(LocalDate.of(2016, 6, 1), IsoDate.parse("date", "2016-06-01", today));
    for (String bad :
        new String[] {
          "2016-02-30", "2016-6-1", "20160601", "tomorrow", "0001-01-01", "9999-01-01"
        }) {
      assertTrue(
          assertThrows(InvalidValueException.class, () -> IsoDate.parse("date", bad, today))
                  .problem()
                  .length()
              > 0);
    }
  }

  @Test
  void dateCellsTakeIsoOrUsDatesWithATimeAndKeepTheRange() {
    assertEquals(
        java.time.LocalDate.of(2016, 7, 4), IsoDate.parseCell("d", "2016-07-04T13:45:00Z"));
    assertEquals(java.time.LocalDate.of(2016, 7, 4), IsoDate.parseCell("d", "2016/07/04"));
    assertEquals(java.time.LocalDate.of(2016, 7, 4), IsoDate.parseCell("d", "7/4/2016 1:45 PM"));
    assertEquals(java.time.LocalDate.of(2016, 12, 31), IsoDate.parseCell("d", " 12/31/2016 "));
    for (String bad :
        new String[] {
          "2016-02-30", "1799-12-31", "2201-01-01", "13/1/2016", "2016-07-04x", "July 4", "4/7/16"
        }) {
      org.junit.jupiter.api.Assertions.assertThrows(
          InvalidValueException.class, () -> IsoDate.parseCell("d", bad), bad);
    }
  }
}
