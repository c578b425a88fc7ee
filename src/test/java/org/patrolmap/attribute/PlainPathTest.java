package org.patrolmap.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TinyDataset;

/**
 * The plain-row path of {@link CsvAttribution} (cells copied as bytes, numbers and dates read from
 * the bytes, added cells pre-rendered per area and period) writes exactly the bytes, and counts
 * exactly the summary, of the general path that reads every row as text — over inputs mixing plain
 * rows with every kind of row the plain path must hand over: quotes, non-ASCII, formula-like cells,
 * exponents and long decimals, blanks, other date forms, impossible and out-of-range dates, wrong
 * cell counts, blank lines, CR LF and lone CR line ends, no final line end, and another separator;
 * long enough to cross many 64 KiB read blocks.
 */
class PlainPathTest {
  private static final Attributor TINY = new Attributor(new TinyDataset().current());
  private static final LocalDate DAY = LocalDate.of(2021, 6, 1);

  private static final List<String> ODD_CELLS =
      List.of(
          "\"quoted, with comma\"",
          "\"say \"\"hi\"\"\"",
          "café",
          "=SUM(A1)",
          "-abc",
          "+1",
          "@x",
          "-12.5",
          "+7",
          "1e3",
          "",
          " spaced ",
          "tab\there",
          "ends-with-quote\"");

  @Test
  void plainRowsGiveTheBytesAndSummaryOfTheGeneralPath() throws IOException {
    SplittableRandom r = new SplittableRandom(7);
    for (String sep : List.of(",", ";", "\t")) {
      StringBuilder csv =
          new StringBuilder("id" + sep + "lon" + sep + "lat" + sep + "date" + sep + "note\n");
      for (int i = 0; i < 12_000; i++) {
        String lon = lon(r);
        String lat = lat(r);
        String date = date(r);
        String note = r.nextInt(6) == 0 ? ODD_CELLS.get(r.nextInt(ODD_CELLS.size())) : "n" + i;
        if (sep.equals(";") && r.nextInt(10) == 0) {
          note = "a,b"; // a comma inside a cell read with another separator: quoted on output
        }
        String row = String.join(sep, "c" + i, lon, lat, date, note);
        int shape = r.nextInt(40);
        if (shape == 0) {
          row += sep + "extra";
        } else if (shape == 1) {
          row += sep + " ";
        } else if (shape == 2) {
          row = "c" + i + sep + lon;
        } else if (shape == 3) {
          row = "";
        }
        String end =
            switch (r.nextInt(12)) {
              case 0 -> "\r\n";
              case 1 -> "\r";
              default -> "\n";
            };
        csv.append(row).append(end);
      }
      csv.append("c-last").append(sep).append("-90.31").append(sep).append("38.705").append(sep);
      csv.append("2017-03-01").append(sep).append("no line end");
      byte[] in = csv.toString().getBytes(StandardCharsets.UTF_8);
      Result plain = run(in, false);
      Result general = run(in, true);
      assertEquals(general.text, plain.text, "separator " + sep);
      assertEquals(general.summary, plain.summary, "separator " + sep);
      assertTrue(plain.ok > 1000, plain.summary); // thousands of rows answered, not only errors
    }
  }

  private record Result(String text, String summary, long ok) {}

  private static Result run(byte[] in, boolean generalOnly) throws IOException {
    CsvAttribution.Job job =
        CsvAttribution.open(new ByteArrayInputStream(in), TINY, Options.detect(DAY, 1_000_000));
    job.slowPathOnly = generalOnly;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Summary s = job.writeTo(out, n -> {});
    return new Result(out.toString(StandardCharsets.UTF_8), s.toMap().toString(), s.ok());
  }

  private static String lon(SplittableRandom r) {
    double v = -90.33 + r.nextDouble() * 0.1; // the tiny dataset, its edges and beyond
    return switch (r.nextInt(20)) {
      case 0 -> String.format(Locale.ROOT, "%.17f", v);
      case 1 -> String.format(Locale.ROOT, "%.3e", v);
      case 2 -> " " + String.format(Locale.ROOT, "%.6f", v);
      case 3 -> "-90.30"; // on the shared edge
      case 4 -> "x";
      case 5 -> "-190.5";
      case 6 -> "";
      default -> String.format(Locale.ROOT, "%.6f", v);
    };
  }

  private static String lat(SplittableRandom r) {
    double v = 38.695 + r.nextDouble() * 0.03;
    return switch (r.nextInt(20)) {
      case 0 -> "+" + String.format(Locale.ROOT, "%.5f", v);
      case 1 -> "38.71"; // on a shared edge
      case 2 -> "91";
      default -> String.format(Locale.ROOT, "%.6f", v);
    };
  }

  private static String date(SplittableRandom r) {
    LocalDate d = LocalDate.of(2010, 1, 1).plusDays(r.nextInt(5000));
    return switch (r.nextInt(20)) {
      case 0 -> "";
      case 1 -> d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
      case 2 -> d + "T10:00:00";
      case 3 -> "2019-02-29";
      case 4 -> "1799-12-31";
      case 5 -> "2201-01-01";
      case 6 -> "2019-13-01";
      case 7 -> "20x9-01-01";
      case 8 -> d.toString().replace('-', '/');
      default -> d.toString();
    };
  }
}
