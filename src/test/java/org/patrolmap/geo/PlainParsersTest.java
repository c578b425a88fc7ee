package org.patrolmap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-level readers of plain numbers and dates agree with the text parsers: the same double as
 * {@link Double#parseDouble} (bit for bit) for every text they accept, the same day as {@link
 * IsoDate#parseCell}, and they refuse (for the text parsers to answer) what they do not accept.
 */
class PlainParsersTest {
  @Test
  void plainDecimalsGiveParseDoublesValueBitForBit() {
    SplittableRandom r = new SplittableRandom(1);
    int accepted = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String t = randomDecimal(r);
      double got = Numbers.parsePlain(bytes(t), 0, t.length());
      if (Double.isNaN(got)) {
        continue;
      }
      accepted++;
      assertEquals(
          Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(got), t);
      assertEquals(Numbers.parseFinite("x", t), got, t);
    }
    assertTrue(accepted > 500_000, "accepted " + accepted);
  }

  @Test
  void anythingButAPlainShortDecimalIsLeftToTheTextParser() {
    for (String t :
        new String[] {
          "",
          "-",
          "+",
          ".",
          ".5",
          "5.5.5",
          "1e3",
          " 1",
          "1 ",
          "0x10",
          "NaN",
          "Infinity",
          "1234567890123456",
          "0.0000000000000001",
          "1,5",
          "--1",
          "١٢"
        }) {
      assertTrue(Double.isNaN(Numbers.parsePlain(bytes(t), 0, bytes(t).length)), t);
    }
    assertEquals(5.0, Numbers.parsePlain(bytes("5."), 0, 2));
    assertEquals(
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(Numbers.parsePlain(bytes("-0"), 0, 2)));
  }

  @Test
  void plainDatesGiveParseCellsDayAndLeaveTheRestToIt() {
    SplittableRandom r = new SplittableRandom(2);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      String t =
          String.format(
              java.util.Locale.ROOT,
              "%04d-%02d-%02d",
              1790 + r.nextInt(420),
              r.nextInt(14),
              r.nextInt(33));
      long got = IsoDate.plainEpochDay(bytes(t), 0, t.length());
      LocalDate want;
      try {
        want = IsoDate.parseCell("d", t);
      } catch (InvalidValueException e) {
        assertEquals(Long.MIN_VALUE, got, t);
        continue;
      }
      accepted++;
      assertEquals(want.toEpochDay(), got, t);
    }
    assertTrue(accepted > 100_000, "accepted " + accepted);
    for (String t :
        new String[] {"2020-1-01", "2020/01/01", "1/2/2020", "2020-01-01T00:00", " 2020-01-01"}) {
      assertEquals(Long.MIN_VALUE, IsoDate.plainEpochDay(bytes(t), 0, t.length()), t);
    }
  }

  /** Decimals of every plain shape (and some longer ones), as people and programs write them. */
  private static String randomDecimal(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int sign = r.nextInt(4);
    sb.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
    int intDigits = 1 + r.nextInt(r.nextInt(4) == 0 ? 17 : 4);
    for (int i = 0; i < intDigits; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    if (r.nextInt(8) != 0) {
      sb.append('.');
      int frac = r.nextInt(r.nextInt(4) == 0 ? 18 : 11);
      for (int i = 0; i < frac; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    return sb.toString();
  }

  private static byte[] bytes(String t) {
    return t.getBytes(StandardCharsets.UTF_8);
  }
}
