package org.patrolmap.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.testing.TinyDataset;

/** The streaming job's bounds: rows, time, and an input that fails part-way. */
class CsvAttributionTest {
  private static final Attributor TINY = new Attributor(new TinyDataset().current());
  private static final LocalDate DAY = LocalDate.of(2021, 1, 1);

  private static String run(InputStream in, Options opts, List<Long> progress) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Summary s = CsvAttribution.open(in, TINY, opts).writeTo(out, progress::add);
    progress.add(-s.rows());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theRowLimitEndsTheOutputWithAnErrorRowNamingTheFirstLineNotRead() throws IOException {
    String csv = "lon,lat\n" + "-90.31,38.705\n".repeat(5);
    String out =
        run(
            text(csv),
            new Options(null, null, null, DAY, 3, Options.MAX_RECORD_BYTES, Long.MAX_VALUE),
            new ArrayList<>());
    String[] lines = out.split("\n");
    assertEquals(5, lines.length, out);
    assertTrue(
        lines[4].contains("row limit of 3 rows reached: line 5 and after were not read"), out);
  }

  @Test
  void aDeadlineInThePastStopsBeforeTheFirstRow() throws IOException {
    String out =
        run(
            text("lon,lat\n-90.31,38.705\n"),
            new Options(null, null, null, DAY, 10, Options.MAX_RECORD_BYTES, System.nanoTime() - 1),
            new ArrayList<>());
    assertTrue(out.contains("time limit reached: line 2"), out);
  }

  @Test
  void anInputThatFailsPartWayEndsWithAnErrorRowAndKeepsWhatWasWritten() throws IOException {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    List<Long> progress = new ArrayList<>();
    String out =
        run(
            new SequenceInputStream(text("lon,lat\n-90.31,38.705\n-90.29,38.705\n"), failing),
            Options.detect(DAY, 10),
            progress);
    String[] lines = out.split("\n");
    assertEquals(4, lines.length, out);
    assertTrue(lines[1].contains(TinyDataset.ALDERBROOK));
    assertTrue(
        lines[3].contains("the input could not be read after line 3: connection reset"), out);
    assertEquals(-2L, progress.get(progress.size() - 1), "two rows counted");
  }

  @Test
  void noCoordinateColumnIsRefusedBeforeAnythingIsWritten() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () -> CsvAttribution.open(text("a,b\n1,2\n"), TINY, Options.detect(DAY, 10)));
    assertEquals("body", e.parameter());
  }
}
