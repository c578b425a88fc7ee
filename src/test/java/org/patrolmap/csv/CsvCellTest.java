package org.patrolmap.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvCellTest {
  @Test
  void formulaLikeCellsAreGuardedButNumbersStayNumbers() {
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvCell.esc("=HYPERLINK(\"x\")"));
    assertEquals("'+1+2", CsvCell.esc("+1+2"));
    assertEquals("'@SUM(A1)", CsvCell.esc("@SUM(A1)"));
    assertEquals("'-2+3", CsvCell.esc("-2+3"));
    assertEquals("-90.3054", CsvCell.esc("-90.3054"));
    assertEquals("-1e-3", CsvCell.esc("-1e-3"));
    assertEquals("'-", CsvCell.esc("-"));
  }

  @Test
  void separatorsQuotesAndLineBreaksAreQuoted() {
    assertEquals("\"a,b\"", CsvCell.esc("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvCell.esc("say \"hi\""));
    assertEquals("\"x\ny\"", CsvCell.esc("x\ny"));
    assertEquals("\"x\ry\"", CsvCell.esc("x\ry"));
    assertEquals("", CsvCell.esc(null));
  }

  @Test
  void verbatimIsTrueExactlyWhenEscapingLeavesAnAsciiCellAsItIs() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    String alphabet = "0123456789.-+eE=@,\"\t\r\nab ";
    int verbatim = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(8);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String v = sb.toString();
      byte[] b = v.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      boolean same = CsvCell.esc(v).equals(v);
      assertEquals(same, CsvCell.verbatim(b, 0, b.length, true), v);
      assertEquals(CsvCell.isPlainNumber(v), CsvCell.isPlainNumber(b, 0, b.length), v);
      verbatim += same ? 1 : 0;
    }
    org.junit.jupiter.api.Assertions.assertTrue(verbatim > 10_000, "verbatim " + verbatim);
  }
}
