package org.patrolmap.importer.facts;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.importer.InputDataException;

/** A small RFC 4180 CSV reader for the curated fact tables; every row knows its line number. */
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

  /** Reads a strict UTF-8 CSV with a header; checks that the required columns are present. */
  public static List<Row> read(Path file, List<String> requiredColumns) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InputDataException(file, "is not valid UTF-8");
    } catch (IOException e) {
      throw new InputDataException(file, "cannot read: " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    parse(file, text, records, lines);
    if (records.isEmpty()) {
      throw new InputDataException(file, "is empty (a header row is required)");
    }
    List<String> header = records.get(0).stream().map(String::trim).toList();
    for (String col : requiredColumns) {
      if (!header.contains(col)) {
        throw new InputDataException(file, "line 1: missing column '" + col + "'");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      if (rec.size() == 1 && rec.get(0).isBlank()) {
        continue;
      }
      if (rec.size() != header.size()) {
        throw new InputDataException(
            file,
            "line "
                + lines.get(r)
                + ": "
                + rec.size()
                + " fields, the header has "
                + header.size());
      }
      Map<String, String> cells = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        cells.put(header.get(i), rec.get(i));
      }
      rows.add(new Row(file, lines.get(r), cells));
    }
    return rows;
  }

  private static void parse(
      Path file, String text, List<List<String>> records, List<Integer> lines) {
    List<String> rec = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          cell.append(ch);
        }
      } else if (ch == '"' && cell.length() == 0) {
        quoted = true;
        any = true;
      } else if (ch == ',') {
        rec.add(cell.toString());
        cell.setLength(0);
        any = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        rec.add(cell.toString());
        records.add(rec);
        lines.add(recordLine);
        rec = new ArrayList<>();
        cell.setLength(0);
        any = false;
        line++;
        recordLine = line;
      } else {
        cell.append(ch);
        any = true;
      }
    }
    if (quoted) {
      throw new InputDataException(file, "line " + recordLine + ": unterminated quoted field");
    }
    if (any || cell.length() > 0) {
      rec.add(cell.toString());
      records.add(rec);
      lines.add(recordLine);
    }
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
