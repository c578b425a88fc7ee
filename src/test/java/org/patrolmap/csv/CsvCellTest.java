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
}
