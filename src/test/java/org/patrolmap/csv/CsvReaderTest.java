package org.patrolmap.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvReader.Record> read(byte[] bytes, int max) throws IOException {
    CsvReader r = new CsvReader(new ByteArrayInputStream(bytes), max);
    r.detectDelimiter();
    List<CsvReader.Record> out = new ArrayList<>();
    for (CsvReader.Record rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static List<CsvReader.Record> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), 1 << 16);
  }

  @Test
  void quotedLineBreaksStayInTheCellAndLinesAreCountedPhysically() throws IOException {
    List<CsvReader.Record> r = read("a,b\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n\nlast,1");
    assertEquals(List.of("a", "b"), r.get(0).cells());
    assertEquals(List.of("x\ny", "say \"hi\""), r.get(1).cells());
    assertEquals(2, r.get(1).line());
    assertEquals(5, r.get(2).line(), "the quoted line break and the blank line count");
    assertEquals(List.of("last", "1"), r.get(2).cells());
  }

  @Test
  void byteOrderMarkIsSkippedAndSemicolonsDetected() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(bom);
    b.writeBytes("lon;lat\n-90,5;38,7\n".getBytes(StandardCharsets.UTF_8));
    List<CsvReader.Record> r = read(b.toByteArray(), 1024);
    assertEquals(List.of("lon", "lat"), r.get(0).cells());
    assertEquals(List.of("-90,5", "38,7"), r.get(1).cells());
  }

  @Test
  void aRowOverTheLimitIsSkippedToItsEndWithoutKeepingIt() throws IOException {
    String huge = "\"" + "x".repeat(10 << 20) + "\n,still quoted\"";
    List<CsvReader.Record> r =
        read(("a,b\n1," + huge + "\n2,ok\n").getBytes(StandardCharsets.UTF_8), 1024);
    assertEquals(3, r.size());
    assertTrue(r.get(1).cells().isEmpty());
    assertTrue(r.get(1).problem().contains("longer than 1024 bytes"), r.get(1).problem());
    assertEquals(List.of("2", "ok"), r.get(2).cells());
    assertEquals(4, r.get(2).line());
  }

  @Test
  void aCellThatIsNotUtf8IsReadAsWindows1252AndSaysSo() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("name\nCaf".getBytes(StandardCharsets.US_ASCII));
    b.write(0xE9); // é in Windows-1252, invalid alone in UTF-8
    b.writeBytes("\nCafé\n".getBytes(StandardCharsets.UTF_8));
    List<CsvReader.Record> r = read(b.toByteArray(), 1024);
    assertEquals("Café", r.get(1).cells().get(0));
    assertTrue(r.get(1).problem().contains("not UTF-8"));
    assertEquals("Café", r.get(2).cells().get(0));
    assertNull(r.get(2).problem());
  }

  @Test
  void anUnclosedQuoteAtTheEndIsAProblem() throws IOException {
    List<CsvReader.Record> r = read("a\n\"open");
    assertTrue(r.get(1).problem().contains("not closed"));
  }
}
