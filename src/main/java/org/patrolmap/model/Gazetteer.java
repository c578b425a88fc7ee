package org.patrolmap.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/**
 * The place names of one dataset, for search with no outside service: municipalities, the City,
 * unincorporated localities (Census CDP names such as Mehlville) and agencies, each with a point to
 * look up and the extent to show. Built once per dataset, then read-only.
 *
 * <p>Matching is on words, after folding case and accents ({@code Crève Cœur} = {@code creve
 * coeur}) and expanding the usual abbreviations ({@code St.} = {@code Saint}, {@code PD} = {@code
 * Police Department}): every word of the query must match a different word of the name — exactly,
 * as the start of it, or within one typo (two for long words). Results are ranked by how well they
 * match, then by kind (places before agencies), then by name.
 */
public final class Gazetteer {
  /** The most results a search answers. */
  public static final int MAX_RESULTS = 10;

  /** The most words of a query that are matched (the rest are ignored). */
  static final int MAX_QUERY_WORDS = 8;

  /** What a place is. */
  public enum Kind implements Coded {
    MUNICIPALITY,
    INDEPENDENT_CITY,
    LOCALITY,
    UNINCORPORATED,
    AGENCY
  }

  /**
   * One place: its kind and id (area id, agency id, or the locality's name), name, a line saying
   * what it is, the area a lookup lands in, the point to look up and the extent to show.
   */
  public record Place(
      Kind kind,
      String id,
      String name,
      String detail,
      String areaId,
      Point point,
      Envelope extent) {}

  /** A place found, with its match cost (0 = every word exact). */
  public record Hit(Place place, int cost) {}

  private record Entry(Place place, List<String> words, String acronym, int rank) {
    Entry(Place place, String name, int rank) {
      this(place, Gazetteer.words(name), Gazetteer.acronym(name), rank);
    }
  }

  private static final Map<String, List<String>> ABBREVIATIONS =
      Map.ofEntries(
          Map.entry("st", List.of("saint")),
          Map.entry("ste", List.of("sainte")),
          Map.entry("mt", List.of("mount")),
          Map.entry("ft", List.of("fort")),
          Map.entry("hts", List.of("heights")),
          Map.entry("twp", List.of("township")),
          Map.entry("co", List.of("county")),
          Map.entry("dept", List.of("department")),
          Map.entry("pd", List.of("police", "department")),
          Map.entry("stl", List.of("saint", "louis")),
          Map.entry("uninc", List.of("unincorporated")));

  private static final Set<String> STOP_WORDS = Set.of("the", "of", "and");

  private final List<Entry> entries;

  public Gazetteer(Dataset d) {
    List<Entry> out = new ArrayList<>();
    Map<String, List<Area>> localities = new TreeMap<>();
    Map<String, Area> unnamed = new TreeMap<>();
    for (Area a : d.areas().values()) {
      switch (a.kind()) {
        case MUNICIPALITY -> out.add(entry(Kind.MUNICIPALITY, a.id(), a, 0, "Municipality"));
        case INDEPENDENT_CITY ->
            out.add(entry(Kind.INDEPENDENT_CITY, a.id(), a, 0, "Independent city"));
        case UNINCORPORATED -> {
          for (String l : a.localities()) {
            localities.computeIfAbsent(l, k -> new ArrayList<>()).add(a);
          }
          // A part with no locality is found by its name only when the name tells it apart
          // ("… (near Eureka)"); the largest of parts with the same name stands for them.
          if (a.localities().isEmpty() && a.name().contains("(")) {
            Area seen = unnamed.get(a.name());
            if (seen == null || seen.areaM2() < a.areaM2()) {
              unnamed.put(a.name(), a);
            }
          }
        }
      }
    }
    for (Area a : unnamed.values()) {
      out.add(entry(Kind.UNINCORPORATED, a.id(), a, 4, "Unincorporated"));
    }
    for (Map.Entry<String, List<Area>> e : localities.entrySet()) {
      Area largest =
          e.getValue().stream().max(Comparator.comparingDouble(Area::areaM2)).orElseThrow();
      Envelope env = new Envelope();
      e.getValue().forEach(a -> env.expandToInclude(a.geom().getEnvelopeInternal()));
      Place p =
          new Place(
              Kind.LOCALITY,
              e.getKey(),
              e.getKey(),
              "Unincorporated St. Louis County",
              largest.id(),
              largest.geom().getInteriorPoint(),
              env);
      out.add(new Entry(p, e.getKey(), 1));
    }
    for (Agency ag : d.agencies().values()) {
      agencyEntry(d, ag, out);
    }
    this.entries = List.copyOf(out);
  }

  private static Entry entry(Kind kind, String id, Area a, int rank, String what) {
    Place p =
        new Place(
            kind,
            id,
            a.name(),
            what + ", " + a.countyName(),
            a.id(),
            a.geom().getInteriorPoint(),
            a.geom().getEnvelopeInternal());
    return new Entry(p, a.name(), rank);
  }

  /**
   * An agency is shown over the areas it has served (patrol, else dispatch, else any function),
   * looked up in its home area: the one whose name begins the agency's, else the largest served.
   */
  private static void agencyEntry(Dataset d, Agency ag, List<Entry> out) {
    Map<String, Area> served = new LinkedHashMap<>();
    for (Function f : List.of(Function.PATROL, Function.DISPATCH)) {
      if (served.isEmpty()) {
        for (Service s : d.servicesOf(ag.id())) {
          Area a = d.areas().get(s.areaId());
          if (s.function() == f && a != null) {
            served.put(a.id(), a);
          }
        }
      }
    }
    if (served.isEmpty()) {
      for (Service s : d.servicesOf(ag.id())) {
        Area a = d.areas().get(s.areaId());
        if (a != null) {
          served.put(a.id(), a);
        }
      }
    }
    if (served.isEmpty()) {
      return;
    }
    String agencyName = fold(ag.name());
    Area home =
        served.values().stream()
            .filter(a -> agencyName.startsWith(fold(a.name()) + " "))
            .findFirst()
            .orElseGet(
                () ->
                    served.values().stream()
                        .max(Comparator.comparingDouble(Area::areaM2))
                        .orElseThrow());
    Envelope env = new Envelope();
    served.values().forEach(a -> env.expandToInclude(a.geom().getEnvelopeInternal()));
    String detail =
        served.size() == 1
            ? "Agency serving " + home.name()
            : "Agency serving " + served.size() + " areas";
    Place p =
        new Place(
            Kind.AGENCY,
            ag.id(),
            ag.name(),
            detail,
            home.id(),
            home.geom().getInteriorPoint(),
            env);
    out.add(new Entry(p, ag.name(), 3));
  }

  public int size() {
    return entries.size();
  }

  /**
   * The places matching a query, best first, at most {@link #MAX_RESULTS}. A query with no letters
   * or digits matches nothing.
   */
  public List<Hit> search(String query) {
    List<String> q = words(query);
    if (q.size() > MAX_QUERY_WORDS) {
      q = q.subList(0, MAX_QUERY_WORDS);
    }
    if (q.isEmpty()) {
      return List.of();
    }
    record Scored(Entry e, int cost) {}
    List<Scored> found = new ArrayList<>();
    for (Entry e : entries) {
      int cost = q.size() == 1 && q.get(0).equals(e.acronym()) ? 1 : cost(q, e.words());
      if (cost >= 0) {
        found.add(new Scored(e, cost));
      }
    }
    found.sort(
        Comparator.comparingInt(Scored::cost)
            .thenComparingInt(s -> s.e().rank())
            .thenComparing(s -> s.e().place().name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(s -> s.e().place().id()));
    return found.stream().limit(MAX_RESULTS).map(s -> new Hit(s.e().place(), s.cost())).toList();
  }

  /**
   * What matching the query's words to different words of a name costs, or -1 when a query word
   * matches none: per word 0 exact, 1 a prefix (of at least two letters, or the last word typed), 3
   * per typo; plus 1 per word of the name left unmatched, so "Ferguson" ranks the town before its
   * police department.
   */
  static int cost(List<String> query, List<String> name) {
    boolean[] used = new boolean[name.size()];
    int total = 0;
    for (int i = 0; i < query.size(); i++) {
      String w = query.get(i);
      boolean last = i == query.size() - 1;
      int best = -1;
      int bestAt = -1;
      for (int j = 0; j < name.size(); j++) {
        if (used[j]) {
          continue;
        }
        int c = wordCost(w, name.get(j), last);
        if (c >= 0 && (best < 0 || c < best)) {
          best = c;
          bestAt = j;
        }
      }
      if (best < 0) {
        return -1;
      }
      used[bestAt] = true;
      total += best;
    }
    for (boolean u : used) {
      total += u ? 0 : 1;
    }
    return total;
  }

  private static int wordCost(String q, String word, boolean last) {
    if (q.equals(word)) {
      return 0;
    }
    if (word.startsWith(q)) {
      return 1;
    }
    int allowed = q.length() >= 8 ? 2 : q.length() >= 4 ? 1 : 0;
    if (allowed == 0) {
      return -1;
    }
    int d = distance(q, word, allowed);
    if (d <= allowed) {
      return 3 * d;
    }
    // A typo in the part typed so far: "fergus" of "ferguson" within one edit of a prefix.
    if (last && word.length() > q.length()) {
      int p = distance(q, word.substring(0, q.length()), allowed);
      if (p <= allowed) {
        return 3 * p + 1;
      }
    }
    return -1;
  }

  /**
   * The optimal-string-alignment distance (insert, delete, substitute, swap neighbours) between two
   * words, or {@code max + 1} as soon as it must exceed {@code max}.
   */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + c);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }

  /**
   * Lower case, accents and punctuation dropped, spaces collapsed: "Crève-Cœur" → "creve coeur".
   */
  static String fold(String text) {
    String s =
        Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
            .replace("œ", "oe")
            .replace("Œ", "oe")
            .replace("æ", "ae")
            .replace("ß", "ss")
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replace("'", "")
            .replace("’", "")
            .replaceAll("[^\\p{Alnum}]+", " ")
            .trim();
    return s;
  }

  /**
   * The initials of a name of three words or more ("North County Police Cooperative" → "ncpc", "St.
   * Louis County Police Department" → "slcpd"), or null.
   */
  static String acronym(String name) {
    StringBuilder b = new StringBuilder();
    for (String w : fold(name).split(" ")) {
      if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
        b.append(w.charAt(0));
      }
    }
    return b.length() >= 3 ? b.toString() : null;
  }

  /** The words of a text: folded, abbreviations expanded, stop words dropped. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : fold(text).split(" ")) {
      if (w.isEmpty() || STOP_WORDS.contains(w)) {
        continue;
      }
      out.addAll(ABBREVIATIONS.getOrDefault(w, List.of(w)));
    }
    return out;
  }
}
