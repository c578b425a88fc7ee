package org.patrolmap.importer.facts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionTopic;
import org.patrolmap.model.Dataset;

/**
 * Turns accepted public corrections into ready-to-review rows of the {@code data/} tables, so the
 * curated tables stay the one source of truth: per correction a {@code sources.csv} row citing what
 * the sender gave (id {@code correction-<hex>}), and — for a proposed provider — a new {@code
 * services.csv} row (next free id, {@code valid_from} = the date it took effect, confidence {@code
 * medium}) plus the open row it replaces, closed on that date; for a contact correction, the
 * agency's {@code agencies.csv} row with the proposal in its note for the maintainer to edit. Text
 * from the public is kept on one line and a cell starting with {@code = + - @} is prefixed with
 * {@code '} so a spreadsheet never runs it. What needs a person's decision is listed in {@link
 * Result#attention()}.
 */
public final class CorrectionExport {
  private static final Pattern SERVICE_ID =
      Pattern.compile("(.+)-(patrol|dispatch|records)-(\\d+)");

  /** Rows by file name ({@code sources.csv}, ...), each row by column, and what needs a person. */
  public record Result(Map<String, List<Map<String, String>>> rows, List<String> attention) {
    public int rowCount() {
      return rows.values().stream().mapToInt(List::size).sum();
    }
  }

  private CorrectionExport() {}

  /**
   * The rows for {@code accepted}, against the tables in {@code dataDir} and the served dataset.
   */
  public static Result rows(List<Correction> accepted, Dataset d, Path dataDir) {
    List<Csv.Row> services = Csv.read(dataDir.resolve("services.csv"), FactColumns.SERVICES);
    List<Csv.Row> agencies = Csv.read(dataDir.resolve("agencies.csv"), FactColumns.AGENCIES);
    Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
    out.put("sources.csv", new ArrayList<>());
    out.put("services.csv", new ArrayList<>());
    out.put("agencies.csv", new ArrayList<>());
    List<String> attention = new ArrayList<>();
    Set<String> usedIds = new HashSet<>();
    services.forEach(r -> usedIds.add(r.get("id")));
    for (Correction c : accepted) {
      Correction.Submission s = c.submission();
      String sourceId = "correction-" + c.id().substring(2);
      String received = c.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
      Map<String, String> src = new LinkedHashMap<>();
      src.put("id", sourceId);
      src.put(
          "title",
          safe(
              s.sourceTitle() != null
                  ? s.sourceTitle()
                  : "Source given with public correction " + c.id()));
      src.put("publisher", "");
      src.put("url", s.sourceUrl() == null ? "" : s.sourceUrl());
      src.put("date", "");
      src.put(
          "note",
          safe(
              "Given with public correction "
                  + c.id()
                  + " received "
                  + received
                  + "; accepted: "
                  + oneLine(c.reviewNote())
                  + ". Check the source, then set publisher and date."));
      out.get("sources.csv").add(src);
      if (s.sourceUrl() == null) {
        attention.add(c.id() + ": no source URL, only a title; find the document before merging");
      }
      String note =
          safe(
              "From public correction "
                  + c.id()
                  + ": "
                  + oneLine(s.problem())
                  + (s.proposed() == null ? "" : " Proposed: " + oneLine(s.proposed())));
      if (s.topic() == CorrectionTopic.CONTACT) {
        Csv.Row row = find(agencies, "id", s.agencyId());
        if (row == null) {
          attention.add(c.id() + ": agency " + s.agencyId() + " is not in agencies.csv");
          continue;
        }
        Map<String, String> a = copy(row, FactColumns.AGENCIES);
        a.put("source_ids", join(a.get("source_ids"), sourceId));
        a.put("note", join2(a.get("note"), note));
        out.get("agencies.csv").add(a);
        attention.add(
            c.id() + ": move the proposed contact of " + s.agencyId() + " into its columns");
        continue;
      }
      Area area = s.areaId() == null ? null : d.areas().get(s.areaId());
      if (area == null || s.proposedAgencyId() == null) {
        attention.add(
            c.id()
                + ": "
                + (area == null ? "no area" : "no proposed agency among the recorded ones")
                + "; only its source row is written — record the fact by hand");
        continue;
      }
      String function = s.topic() == CorrectionTopic.CONTRACT ? "patrol" : s.topic().id();
      if (s.topic() == CorrectionTopic.CONTRACT) {
        attention.add(c.id() + ": a contract; check its function (written as patrol)");
      }
      String slug = slug(area.name());
      String id = nextId(slug, function, usedIds);
      usedIds.add(id);
      Map<String, String> n = new LinkedHashMap<>();
      n.put("id", id);
      n.put("area_geoid", area.id());
      n.put("area_name", area.name());
      n.put("function", function);
      n.put("agency_id", s.proposedAgencyId());
      n.put(
          "arrangement",
          s.proposedArrangement() != null
              ? s.proposedArrangement().id()
              : s.topic() == CorrectionTopic.CONTRACT ? "contract" : "");
      n.put("valid_from", s.effectiveDate() == null ? "" : s.effectiveDate().toString());
      n.put("valid_to", "");
      n.put("confidence", "medium");
      n.put("source_ids", sourceId);
      n.put("note", note);
      if (n.get("arrangement").isEmpty()) {
        attention.add(
            c.id() + ": " + id + " needs an arrangement (own_department, contract, cooperative)");
      }
      Agency ag = d.agencies().get(s.proposedAgencyId());
      Csv.Row open = openRow(services, area.id(), function);
      if (open != null && s.effectiveDate() != null) {
        String from = open.get("valid_from");
        if (from == null || from.compareTo(s.effectiveDate().toString()) < 0) {
          Map<String, String> closed = copy(open, FactColumns.SERVICES);
          closed.put("valid_to", s.effectiveDate().toString());
          out.get("services.csv").add(closed);
        } else {
          attention.add(c.id() + ": " + open.get("id") + " starts after the correction's date");
        }
      } else if (open != null) {
        attention.add(
            c.id()
                + ": no effective date; "
                + open.get("id")
                + " stays open and will overlap "
                + id);
      }
      if (ag == null) {
        attention.add(c.id() + ": agency " + s.proposedAgencyId() + " is not served any more");
      }
      out.get("services.csv").add(n);
    }
    return new Result(out, attention);
  }

  /** Writes each non-empty table of {@code r} to {@code dir} with the data/ header. */
  public static List<Path> write(Result r, Path dir) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, List<Map<String, String>>> e : r.rows().entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        List<String> header = header(e.getKey());
        StringBuilder b = new StringBuilder(Csv.line(header));
        for (Map<String, String> row : e.getValue()) {
          b.append(Csv.line(header.stream().map(k -> row.getOrDefault(k, "")).toList()));
        }
        Path p = dir.resolve(e.getKey());
        Files.writeString(p, b, StandardCharsets.UTF_8);
        written.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export to " + dir, e);
    }
    return written;
  }

  /**
   * Merges {@code r} into the tables in {@code dataDir}: a row whose id is there replaces that line
   * (other lines stay byte for byte), a new one is appended; columns follow each file's header.
   * Review the result with {@code git diff data/}.
   */
  public static void apply(Result r, Path dataDir) {
    try {
      for (Map.Entry<String, List<Map<String, String>>> e : r.rows().entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        Path file = dataDir.resolve(e.getKey());
        List<Csv.Row> existing = Csv.read(file, List.of("id"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
          lines.remove(lines.size() - 1);
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        existing.forEach(row -> lineOf.put(row.get("id"), row.line() - 1));
        for (Map<String, String> row : e.getValue()) {
          String rendered = Csv.line(header.stream().map(k -> row.getOrDefault(k, "")).toList());
          rendered = rendered.substring(0, rendered.length() - 1);
          Integer at = lineOf.get(row.get("id"));
          if (at != null) {
            lines.set(at, rendered);
          } else {
            lines.add(rendered);
          }
        }
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the export into " + dataDir, e);
    }
  }

  private static List<String> header(String file) {
    return switch (file) {
      case "sources.csv" -> FactColumns.SOURCES;
      case "agencies.csv" -> FactColumns.AGENCIES;
      default -> FactColumns.SERVICES;
    };
  }

  private static Csv.Row openRow(List<Csv.Row> services, String areaId, String function) {
    for (Csv.Row r : services) {
      if (areaId.equals(r.get("area_geoid"))
          && function.equals(r.get("function"))
          && r.get("valid_to") == null) {
        return r;
      }
    }
    return null;
  }

  private static Csv.Row find(List<Csv.Row> rows, String column, String value) {
    return rows.stream()
        .filter(r -> value != null && value.equals(r.get(column)))
        .findFirst()
        .orElse(null);
  }

  private static Map<String, String> copy(Csv.Row row, List<String> columns) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : row.cells().keySet()) {
      m.put(c, row.cells().get(c));
    }
    columns.forEach(c -> m.putIfAbsent(c, ""));
    return m;
  }

  /** The next free {@code <slug>-<function>-<n>}. */
  static String nextId(String slug, String function, Set<String> used) {
    int max = 0;
    for (String id : used) {
      Matcher m = SERVICE_ID.matcher(id == null ? "" : id);
      if (m.matches() && m.group(1).equals(slug) && m.group(2).equals(function)) {
        max = Math.max(max, Integer.parseInt(m.group(3)));
      }
    }
    return slug + "-" + function + "-" + (max + 1);
  }

  /** The slug of a TIGER name: {@code St. Ann} becomes {@code st-ann}. */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  /** A cell that a spreadsheet will not run as a formula. */
  static String safe(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
  }

  private static String join(String list, String id) {
    return list == null || list.isBlank() ? id : list + ";" + id;
  }

  private static String join2(String note, String more) {
    return note == null || note.isBlank() ? more : note + " " + more;
  }
}
