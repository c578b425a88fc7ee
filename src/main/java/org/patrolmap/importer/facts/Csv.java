package org.patrolmap.importer.facts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.csv.CsvReader;
import org.patrolmap.importer.InputDataException;

/** The curated fact tables as rows by column name; every row knows its line number. */
public final class Csv {
  /** One data row: its 1-based line number in the file and its cells by column name. */
  public record Row(Path file, int line, Map<String, String> cells) {
    /** The trimmed cell, or null when empty. */
    public String get(String column) {
      String v = cells.get(column);
      return v == null || v.isBlank() ? null : v.trim();
    }
  }

  private Csv() {}

  /** The longest record a fact table may hold (a long note is a few KiB). */
  private static final int MAX_RECORD_BYTES = 1 << 20;

  /**
   * Reads a strict UTF-8 CSV with a header (the streaming {@link CsvReader}, comma-separated);
   * checks that the required columns are present. Any record the reader flags (not UTF-8, an
   * unclosed quote, too long) stops the import naming the file and line.
   */
  public static List<Row> read(Path file, List<String> requiredColumns) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    try (InputStream in = Files.newInputStream(file)) {
      CsvReader reader = new CsvReader(in, MAX_RECORD_BYTES);
      reader.delimiter((byte) ',');
      for (CsvReader.Record rec = reader.next(); rec != null; rec = reader.next()) {
        if (rec.problem() != null) {
          String problem =
              rec.problem().equals(CsvReader.NOT_UTF8) ? "is not valid UTF-8" : rec.problem();
          throw new InputDataException(file, "line " + rec.line() + ": " + problem);
        }
        if (header == null) {
          header = rec.cells().stream().map(String::trim).toList();
          for (String col : requiredColumns) {
            if (!header.contains(col)) {
              throw new InputDataException(file, "line 1: missing column '" + col + "'");
            }
          }
          continue;
        }
        if (rec.cells().size() != header.size()) {
          throw new InputDataException(
              file,
              "line "
                  + rec.line()
                  + ": "
                  + rec.cells().size()
                  + " fields, the header has "
                  + header.size());
        }
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
          cells.put(header.get(i), rec.cells().get(i));
        }
        rows.add(new Row(file, (int) rec.line(), cells));
      }
    } catch (IOException e) {
      throw new InputDataException(file, "cannot read: " + e.getMessage(), e);
    }
    if (header == null) {
      throw new InputDataException(file, "is empty (a header row is required)");
    }
    return rows;
  }

  /**
   * One record in the fact tables' style (RFC 4180, a field quoted only when it holds a comma, a
   * quote or a line break; LF ending).
   */
  public static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String v = cells.get(i) == null ? "" : cells.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append(
          v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
              ? "\"" + v.replace("\"", "\"\"") + "\""
              : v);
    }
    return b.append('\n').toString();
  }
}
