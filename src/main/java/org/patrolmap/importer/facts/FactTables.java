package org.patrolmap.importer.facts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Confidence;
import org.patrolmap.model.Contact;
import org.patrolmap.model.ContactKind;
import org.patrolmap.model.Function;
import org.patrolmap.model.Rule;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/**
 * The curated fact tables of {@code data/} (see data/README.md), read and validated: referential
 * integrity, date sanity, one provider per area, function and date, areas matched by GEOID. Any bad
 * row stops the load with a message naming file, line and column.
 */
public record FactTables(
    List<Agency> agencies,
    List<Source> sources,
    List<Service> services,
    List<Rule> rules,
    List<Contact> contacts) {

  static final List<String> AGENCY_KINDS =
      List.of(
          "police_department",
          "county_police",
          "city_police",
          "cooperative",
          "dispatch_center",
          "records_system");

  /** The confidences as the error message lists them, strongest first. */
  static final List<String> CONFIDENCES = List.of("high", "medium", "low");

  static final List<String> APPLIES_TO =
      List.of(
          "unincorporated",
          Rule.COUNTY_PATROL_CONTRACT,
          "no_patrol_provider",
          "no_dispatch_provider");

  /**
   * A phone value as written in contacts.csv: {@code (314) 838-5000}, optionally {@code ext. 1}.
   */
  static final Pattern PHONE = Pattern.compile("\\(\\d{3}\\) \\d{3}-\\d{4}( ext\\. \\d{1,6})?");

  /** Accreditation bodies as data/README.md names them. */
  static final List<String> ACCREDITATION_BODIES = List.of("CALEA", "MPCA", "MPCCF");

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern SOURCE_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

  /**
   * Reads and validates the tables (contacts.csv optional) against the areas of the dataset being
   * built.
   */
  public static FactTables load(Path dataDir, Map<String, Area> areas) {
    Errors err = new Errors();
    List<Source> sources = sources(dataDir.resolve("sources.csv"), err);
    Set<String> sourceIds = ids(sources.stream().map(Source::id).toList());
    List<Agency> agencies = agencies(dataDir.resolve("agencies.csv"), sourceIds, err);
    Set<String> agencyIds = ids(agencies.stream().map(Agency::id).toList());
    List<Service> services =
        services(dataDir.resolve("services.csv"), areas, agencyIds, sourceIds, err);
    List<Rule> rules = rules(dataDir.resolve("rules.csv"), agencyIds, sourceIds, err);
    Path contactsFile = dataDir.resolve("contacts.csv");
    List<Contact> contacts =
        Files.exists(contactsFile) ? contacts(contactsFile, agencyIds, sourceIds, err) : List.of();
    err.throwIfAny(dataDir);
    List<Service> all = new ArrayList<>(services);
    all.addAll(materialize(rules, areas));
    return new FactTables(withContacts(agencies, contacts), sources, all, rules, contacts);
  }

  /**
   * The agencies with {@code phone}, {@code address} and {@code website} taken from their best
   * open-ended contact of that kind (non-emergency line, address, web site) where one exists; the
   * agencies.csv value stays otherwise. Keeps {@link Agency#phone()} the cited non-emergency line.
   */
  static List<Agency> withContacts(List<Agency> agencies, List<Contact> contacts) {
    Map<String, Map<ContactKind, Contact>> best = new HashMap<>();
    for (Contact c : contacts) {
      if (c.validTo() != null) {
        continue;
      }
      best.computeIfAbsent(c.agencyId(), k -> new HashMap<>())
          .merge(c.kind(), c, (a, b) -> better(a, b) ? a : b);
    }
    List<Agency> out = new ArrayList<>();
    for (Agency a : agencies) {
      Map<ContactKind, Contact> m = best.getOrDefault(a.id(), Map.of());
      out.add(
          new Agency(
              a.id(),
              a.name(),
              a.kind(),
              valueOr(m.get(ContactKind.NON_EMERGENCY), a.phone()),
              valueOr(m.get(ContactKind.ADDRESS), a.address()),
              valueOr(m.get(ContactKind.WEBSITE), a.website()),
              a.accreditation(),
              a.accreditationDate(),
              a.note(),
              a.sourceIds()));
    }
    return out;
  }

  /** Higher confidence wins; then the later start; then file order (the first). */
  private static boolean better(Contact a, Contact b) {
    int c = a.confidence().compareTo(b.confidence());
    if (c != 0) {
      return c > 0;
    }
    LocalDate fa = a.validFrom() == null ? LocalDate.MIN : a.validFrom();
    LocalDate fb = b.validFrom() == null ? LocalDate.MIN : b.validFrom();
    return !fa.isBefore(fb);
  }

  private static String valueOr(Contact c, String fallback) {
    return c == null ? fallback : c.value();
  }

  private static List<Contact> contacts(
      Path file, Set<String> agencyIds, Set<String> sourceIds, Errors err) {
    List<Contact> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row r : Csv.read(file, FactColumns.CONTACTS)) {
      String id = slug(r, "id", seen, err);
      String agency = required(r, "agency_id", err);
      if (agency != null && !agencyIds.contains(agency)) {
        err.add(r, "agency_id", "unknown agency '" + agency + "' (not in agencies.csv)");
      }
      oneOf(r, "kind", Coded.ids(ContactKind.class), err);
      ContactKind kind = Coded.of(ContactKind.class, r.get("kind")).orElse(null);
      String value = required(r, "value", err);
      if (kind != null && value != null) {
        if (kind.isPhone() && !PHONE.matcher(value).matches()) {
          err.add(r, "value", "a phone must read (NNN) NNN-NNNN[ ext. N], got '" + value + "'");
        } else if (kind == ContactKind.WEBSITE && !value.matches("https?://\\S+")) {
          err.add(r, "value", "a website must be an http(s) URL, got '" + value + "'");
        } else if (kind == ContactKind.ACCREDITATION && !ACCREDITATION_BODIES.contains(value)) {
          err.add(
              r,
              "value",
              "an accreditation names its body, one of "
                  + ACCREDITATION_BODIES
                  + ", got '"
                  + value
                  + "'");
        }
      }
      oneOf(r, "confidence", CONFIDENCES, err);
      LocalDate from = date(r, "valid_from", err);
      LocalDate to = date(r, "valid_to", err);
      if (from != null && to != null && !from.isBefore(to)) {
        err.add(r, "valid_to", "must be after valid_from (" + from + "); valid_to is exclusive");
      }
      out.add(
          new Contact(
              id,
              agency,
              kind,
              value,
              from,
              to,
              Coded.of(Confidence.class, r.get("confidence")).orElse(null),
              refs(r, "source_ids", sourceIds, true, err),
              r.get("as_printed"),
              r.get("note")));
    }
    return out;
  }

  /** Services that rules give every unincorporated area (e.g. SLCPD county_default patrol). */
  static List<Service> materialize(List<Rule> rules, Map<String, Area> areas) {
    List<Service> out = new ArrayList<>();
    for (Rule r : rules) {
      if (!"unincorporated".equals(r.appliesTo())) {
        continue;
      }
      for (Area a : areas.values()) {
        if (a.kind() == AreaKind.UNINCORPORATED) {
          out.add(
              new Service(
                  a.id() + "-" + r.function() + "-rule",
                  a.id(),
                  r.function(),
                  r.agencyId(),
                  r.arrangement(),
                  null,
                  null,
                  r.confidence(),
                  r.note(),
                  "rule",
                  r.sourceIds()));
        }
      }
    }
    return out;
  }

  private static Set<String> ids(List<String> ids) {
    return new HashSet<>(ids);
  }

  private static List<Source> sources(Path file, Errors err) {
    List<Source> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row r : Csv.read(file, FactColumns.SOURCES)) {
      String id = slug(r, "id", seen, err);
      String title = required(r, "title", err);
      String url = r.get("url");
      if (url != null && !url.matches("https?://\\S+")) {
        err.add(r, "url", "must be an http(s) URL, got '" + url + "'");
      }
      String date = r.get("date");
      if (date != null && !SOURCE_DATE.matcher(date).matches()) {
        err.add(r, "date", "must be YYYY, YYYY-MM or YYYY-MM-DD, got '" + date + "'");
      }
      out.add(new Source(id, title, r.get("publisher"), url, date, r.get("note")));
    }
    return out;
  }

  private static List<Agency> agencies(Path file, Set<String> sourceIds, Errors err) {
    List<Agency> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row r : Csv.read(file, FactColumns.AGENCIES)) {
      String id = slug(r, "id", seen, err);
      oneOf(r, "kind", AGENCY_KINDS, err);
      out.add(
          new Agency(
              id,
              required(r, "name", err),
              r.get("kind"),
              r.get("phone"),
              r.get("address"),
              r.get("website"),
              r.get("accreditation"),
              r.get("accreditation_date"),
              r.get("note"),
              refs(r, "source_ids", sourceIds, false, err)));
    }
    return out;
  }

  private static List<Service> services(
      Path file,
      Map<String, Area> areas,
      Set<String> agencyIds,
      Set<String> sourceIds,
      Errors err) {
    List<Service> out = new ArrayList<>();
    Map<Service, Csv.Row> rowOf = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row r : Csv.read(file, FactColumns.SERVICES)) {
      String id = slug(r, "id", seen, err);
      String geoid = required(r, "area_geoid", err);
      if (geoid != null && !areas.containsKey(geoid)) {
        err.add(r, "area_geoid", "no area with GEOID " + geoid + " in this dataset");
      } else if (geoid != null && areas.get(geoid).kind() == AreaKind.UNINCORPORATED) {
        err.add(r, "area_geoid", geoid + " is unincorporated: its provider comes from rules.csv");
      }
      oneOf(r, "function", Coded.ids(Function.class), err);
      String agency = required(r, "agency_id", err);
      if (agency != null && !agencyIds.contains(agency)) {
        err.add(r, "agency_id", "unknown agency '" + agency + "' (not in agencies.csv)");
      }
      oneOf(r, "arrangement", Coded.ids(Arrangement.class), err);
      oneOf(r, "confidence", CONFIDENCES, err);
      LocalDate from = date(r, "valid_from", err);
      LocalDate to = date(r, "valid_to", err);
      if (from != null && to != null && !from.isBefore(to)) {
        err.add(r, "valid_to", "must be after valid_from (" + from + "); valid_to is exclusive");
      }
      if (r.get("note") != null
          && r.get("note").startsWith("Inferred")
          && !"low".equals(r.get("confidence"))) {
        err.add(
            r,
            "confidence",
            "an inferred fact (note starts with 'Inferred') must have low confidence");
      }
      Service s =
          new Service(
              id,
              geoid,
              Coded.of(Function.class, r.get("function")).orElse(null),
              agency,
              Coded.of(Arrangement.class, r.get("arrangement")).orElse(null),
              from,
              to,
              Coded.of(Confidence.class, r.get("confidence")).orElse(null),
              r.get("note"),
              "fact",
              refs(r, "source_ids", sourceIds, true, err));
      out.add(s);
      rowOf.put(s, r);
    }
    checkOverlaps(out, rowOf, err);
    return out;
  }

  /** At most one provider per area, function and date: the intervals must not overlap. */
  private static void checkOverlaps(
      List<Service> services, Map<Service, Csv.Row> rowOf, Errors err) {
    Map<String, List<Service>> groups = new LinkedHashMap<>();
    for (Service s : services) {
      if (s.areaId() != null && s.function() != null) {
        groups.computeIfAbsent(s.areaId() + "/" + s.function(), k -> new ArrayList<>()).add(s);
      }
    }
    for (List<Service> g : groups.values()) {
      g.sort(Comparator.comparing(s -> s.validFrom() == null ? LocalDate.MIN : s.validFrom()));
      for (int i = 1; i < g.size(); i++) {
        Service prev = g.get(i - 1);
        Service cur = g.get(i);
        LocalDate curFrom = cur.validFrom() == null ? LocalDate.MIN : cur.validFrom();
        if (prev.validTo() == null || prev.validTo().isAfter(curFrom)) {
          err.add(
              rowOf.get(cur),
              "valid_from",
              "overlaps service '"
                  + prev.id()
                  + "' (line "
                  + rowOf.get(prev).line()
                  + "): two "
                  + cur.function()
                  + " providers for area "
                  + cur.areaId()
                  + " on one date");
        }
      }
    }
  }

  private static List<Rule> rules(
      Path file, Set<String> agencyIds, Set<String> sourceIds, Errors err) {
    List<Rule> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row r : Csv.read(file, FactColumns.RULES)) {
      String id = slug(r, "id", seen, err);
      oneOf(r, "applies_to", APPLIES_TO, err);
      oneOf(r, "function", Coded.ids(Function.class), err);
      String agency = r.get("agency_id");
      if ("unincorporated".equals(r.get("applies_to"))
          || Rule.COUNTY_PATROL_CONTRACT.equals(r.get("applies_to"))) {
        if (agency == null || !agencyIds.contains(agency)) {
          err.add(r, "agency_id", "an " + r.get("applies_to") + " rule needs a known agency");
        }
        oneOf(r, "arrangement", Coded.ids(Arrangement.class), err);
        oneOf(r, "confidence", CONFIDENCES, err);
      } else if (agency != null) {
        err.add(
            r,
            "agency_id",
            "a rule for areas without a provider must not name one (unknown stays unknown)");
      }
      out.add(
          new Rule(
              id,
              r.get("applies_to"),
              Coded.of(Function.class, r.get("function")).orElse(null),
              agency,
              Coded.of(Arrangement.class, r.get("arrangement")).orElse(null),
              Coded.of(Confidence.class, r.get("confidence")).orElse(null),
              required(r, "note", err),
              refs(r, "source_ids", sourceIds, true, err)));
    }
    return out;
  }

  private static String required(Csv.Row r, String col, Errors err) {
    String v = r.get(col);
    if (v == null) {
      err.add(r, col, "is required");
    }
    return v;
  }

  private static String slug(Csv.Row r, String col, Set<String> seen, Errors err) {
    String v = required(r, col, err);
    if (v != null && !SLUG.matcher(v).matches()) {
      err.add(r, col, "must be a slug of a-z, 0-9 and '-', got '" + v + "'");
    } else if (v != null && !seen.add(v)) {
      err.add(r, col, "duplicate id '" + v + "'");
    }
    return v;
  }

  private static void oneOf(Csv.Row r, String col, List<String> allowed, Errors err) {
    String v = r.get(col);
    if (v == null || !allowed.contains(v)) {
      err.add(r, col, "must be one of " + allowed + ", got '" + (v == null ? "" : v) + "'");
    }
  }

  private static LocalDate date(Csv.Row r, String col, Errors err) {
    String v = r.get(col);
    if (v == null) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(v);
      if (d.getYear() < 1800 || d.getYear() > 2200) {
        err.add(r, col, "year out of range: " + v);
      }
      return d;
    } catch (DateTimeParseException e) {
      err.add(r, col, "must be a date YYYY-MM-DD, got '" + v + "'");
      return null;
    }
  }

  private static List<String> refs(
      Csv.Row r, String col, Set<String> known, boolean required, Errors err) {
    String v = r.get(col);
    if (v == null) {
      if (required) {
        err.add(r, col, "must cite at least one source");
      }
      return List.of();
    }
    List<String> ids =
        Arrays.stream(v.split(";")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    for (String id : ids) {
      if (!known.contains(id)) {
        err.add(r, col, "unknown source '" + id + "' (not in sources.csv)");
      }
    }
    return ids;
  }

  /** Collects row errors so that one run reports them all (up to a limit). */
  private static final class Errors {
    private final List<String> messages = new ArrayList<>();

    void add(Csv.Row r, String column, String problem) {
      messages.add(
          r.file().getFileName() + " line " + r.line() + ", column " + column + ": " + problem);
    }

    void throwIfAny(Path dir) {
      if (!messages.isEmpty()) {
        int n = messages.size();
        List<String> shown = messages.subList(0, Math.min(n, 30));
        throw new InputDataException(
            dir,
            n
                + " invalid fact row(s):\n  "
                + String.join("\n  ", shown)
                + (n > shown.size() ? "\n  … and " + (n - shown.size()) + " more" : ""));
      }
    }
  }
}
