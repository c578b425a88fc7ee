package org.patrolmap.layers;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.patrolmap.geo.GeoJsonGeometry;
import org.patrolmap.json.Json;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Confidence;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Footprint;
import org.patrolmap.model.Function;
import org.patrolmap.model.RoleAnswer;
import org.patrolmap.model.Service;

/**
 * The GeoJSON layers of the product — {@code areas}, {@code patrol}, {@code dispatch}, {@code
 * contracts}, {@code footprints} — computed from the in-memory dataset for a date and cached per
 * dataset and date (bounded), so a whole-layer download is prepared bytes.
 */
public final class Layers {
  /** A layer of the registry: its id is the only thing a request chooses. */
  public record Info(String id, String title, String description, boolean dated) {}

  public static final List<Info> REGISTRY =
      List.of(
          new Info(
              "areas",
              "Areas",
              "Municipalities, the City of St. Louis and unincorporated St. Louis County parts that tile the two counties.",
              false),
          new Info(
              "patrol",
              "Patrol providers",
              "Areas dissolved by the agency that patrols them on the date; unknown where no cited provider.",
              true),
          new Info(
              "dispatch",
              "911 dispatch centres",
              "Areas dissolved by the centre that dispatches their police calls on the date; unknown where no cited centre.",
              true),
          new Info(
              "contracts",
              "Contracts",
              "One feature per area and contract in force on the date (patrol, dispatch, records).",
              true),
          new Info(
              "footprints",
              "Planner footprints",
              "Named planner polygons such as the Normandy Schools Collaborative (24:1) district.",
              false),
          new Info(
              "nena-psap",
              "NENA NG9-1-1 PsapPolygon",
              "The dispatch layer in the NENA NG9-1-1 GIS Data Model v3.0 (PsapPolygon): one polygon per 911 dispatch centre on the date; areas with no known centre are left out.",
              true),
          new Info(
              "nena-police",
              "NENA NG9-1-1 PolicePolygon",
              "The patrol layer in the NENA NG9-1-1 GIS Data Model v3.0 (PolicePolygon): one polygon per primary police agency on the date; areas with no known agency are left out.",
              true));

  private static final int CACHE_ENTRIES = 64;

  /**
   * Bytes of built layers kept (estimated by {@link #weight}): the layers of a few dates, full and
   * simplified; older ones are dropped first. Bounds the heap a stream of distinct dates can take.
   */
  public static final long CACHE_BYTES = 96L << 20;

  /**
   * Keyed by the dataset instance (identity), so a reload of the same id (saved footprint) never
   * serves a stale layer.
   */
  private record CacheKey(Dataset dataset, String layer, LocalDate date, double tolerance) {}

  /** The date whose layers eviction spares longest ({@link #pinning}); none by default. */
  private volatile Supplier<LocalDate> today = () -> null;

  /**
   * How far (degrees) a simplified boundary ({@code detail=low}) may stray from the true one: about
   * 35 m, under one pixel of the map below zoom 12; the web map asks for full detail from zoom 13.
   */
  public static final double SIMPLIFY_TOLERANCE = 0.0004;

  /**
   * The same for {@code detail=overview}, the whole region on one screen: about 100 m, under one
   * pixel of the map up to zoom 10, where the web map opens.
   */
  public static final double OVERVIEW_TOLERANCE = 0.001;

  /** The areas of one dataset instance simplified together as a coverage. */
  private record Simplified(Dataset dataset, Map<String, Geometry> geoms) {}

  /** Per tolerance, the simplified areas of the dataset served. */
  private final Map<Double, Simplified> simplified = new ConcurrentHashMap<>();

  private final Map<CacheKey, CompletableFuture<Layer>> building = new ConcurrentHashMap<>();

  private final LinkedHashMap<CacheKey, Layer> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<CacheKey, Long> weights = new java.util.HashMap<>();
  private long cachedBytes;

  private final NenaSettings nena;

  /** Where layers not yet cached are built: bounded in concurrency and time when serving. */
  private final BoundedWork builds;

  /** The byte budget of the cache ({@link #CACHE_BYTES} when serving). */
  private final long cacheBytes;

  /** Layers whose NENA fields from configuration stay empty (tests, tools). */
  public Layers() {
    this(NenaSettings.NONE);
  }

  public Layers(NenaSettings nena) {
    this(nena, BoundedWork.DIRECT);
  }

  /**
   * Layers built through {@code builds} (the server's compute pool): however many dates are asked
   * at once, at most its workers build, and a request finding it full gets its refusal.
   */
  public Layers(NenaSettings nena, BoundedWork builds) {
    this(nena, builds, CACHE_BYTES);
  }

  Layers(NenaSettings nena, BoundedWork builds, long cacheBytes) {
    this.nena = nena;
    this.builds = builds;
    this.cacheBytes = cacheBytes;
  }

  /**
   * Keeps the layers of {@code today} (and the undated ones) cached ahead of other dates: a stream
   * of distinct dates evicts those first, so the map's default view is never rebuilt because of it
   * (the bounds still hold: pinned layers go last, not never).
   */
  public Layers pinning(Supplier<LocalDate> today) {
    this.today = today;
    return this;
  }

  private boolean pinned(CacheKey k) {
    return k.date() == null || k.date().equals(today.get());
  }

  public static Optional<Info> info(String id) {
    return REGISTRY.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The layer of a dataset as of a date (the date is ignored by undated layers). */
  public Layer get(Dataset d, String id, LocalDate date) {
    return get(d, id, date, false);
  }

  /**
   * The layer of a dataset as of a date, with the areas' boundaries {@code simplified} (as a
   * coverage: shared edges stay shared, so no gaps or slivers open between areas) or in full
   * detail. Footprints are never simplified.
   */
  public Layer get(Dataset d, String id, LocalDate date, boolean simplify) {
    return get(d, id, date, simplify ? SIMPLIFY_TOLERANCE : 0);
  }

  /**
   * The layer with the areas' boundaries simplified as a coverage to {@code tolerance} degrees (0:
   * full detail).
   */
  public Layer get(Dataset d, String id, LocalDate date, double tolerance) {
    boolean simplify = tolerance > 0;
    Info info = info(id).orElseThrow(() -> new IllegalArgumentException("unknown layer " + id));
    LocalDate key = info.dated() ? date : null;
    CacheKey cacheKey = new CacheKey(d, id, key, tolerance);
    Layer hit = cached(cacheKey);
    if (hit != null) {
      return hit;
    }
    // single flight: concurrent requests for a layer not yet built share one build
    CompletableFuture<Layer> mine = new CompletableFuture<>();
    CompletableFuture<Layer> flight = building.putIfAbsent(cacheKey, mine);
    if (flight != null) {
      return builds.await(flight);
    }
    try {
      // a NENA layer derives from its source layer, itself built (bounded) first
      Layer source =
          Nena.TABLES.containsKey(id) ? get(d, Nena.function(id).id(), key, tolerance) : null;
      Layer built =
          builds.run(
              () -> {
                Layer again = cached(cacheKey); // built meanwhile by a build that outlived its wait
                if (again != null) {
                  return again;
                }
                List<LayerFeature> features =
                    source != null
                        ? Nena.build(d, id, key, source, nena)
                        : build(d, id, key, simplify ? simplifiedAreas(d, tolerance) : Area::geom);
                return cache(cacheKey, new Layer(id, d.id(), key, features));
              });
      mine.complete(built);
      return built;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      building.remove(cacheKey, mine);
    }
  }

  /** The estimated bytes of the layers cached now ({@link #weight}). */
  long cachedBytes() {
    synchronized (cache) {
      return cachedBytes;
    }
  }

  private Layer cached(CacheKey key) {
    synchronized (cache) {
      return cache.get(key);
    }
  }

  /**
   * Keeps {@code built} (or the one cached first), dropping the least recently used beyond the
   * bounds.
   */
  private Layer cache(CacheKey key, Layer built) {
    long w = weight(built);
    synchronized (cache) {
      Layer first = cache.putIfAbsent(key, built);
      if (first != null) {
        return first;
      }
      weights.put(key, w);
      cachedBytes += w;
      // least recently used first; today's and undated layers only once no other is left
      for (boolean pinnedToo : new boolean[] {false, true}) {
        var it = cache.keySet().iterator();
        while ((cache.size() > CACHE_ENTRIES || cachedBytes > cacheBytes) && it.hasNext()) {
          CacheKey eldest = it.next();
          if (eldest.equals(key) || (!pinnedToo && pinned(eldest))) {
            continue;
          }
          cachedBytes -= weights.remove(eldest);
          it.remove();
        }
      }
      return built;
    }
  }

  /**
   * The heap a cached layer takes, estimated: its features' JSON twice (each feature, and the
   * collection body with its gzip form once asked) and about 48 bytes per vertex of geometry.
   */
  static long weight(Layer l) {
    long w = 0;
    for (LayerFeature f : l.features()) {
      w += 2L * f.json().length + 48L * f.geometry().getNumPoints();
    }
    return w;
  }

  /**
   * Drops cached layers of other datasets, and of earlier loads of the same one (called on swap).
   */
  public void retain(Dataset served) {
    synchronized (cache) {
      var it = cache.keySet().iterator();
      while (it.hasNext()) {
        CacheKey k = it.next();
        if (k.dataset() != served) {
          cachedBytes -= weights.remove(k);
          it.remove();
        }
      }
    }
    simplified.values().removeIf(s -> s.dataset() != served);
  }

  /**
   * The areas of a dataset simplified once as a coverage (JTS {@link CoverageSimplifier}); should
   * the areas not form a clean coverage, each is simplified alone, keeping its topology.
   */
  private java.util.function.Function<Area, Geometry> simplifiedAreas(Dataset d, double tolerance) {
    Simplified s = simplified.get(tolerance);
    if (s == null || s.dataset() != d) {
      synchronized (this) {
        s = simplified.get(tolerance);
        if (s == null || s.dataset() != d) {
          s = new Simplified(d, simplify(List.copyOf(d.areas().values()), tolerance));
          simplified.put(tolerance, s);
        }
      }
    }
    Map<String, Geometry> geoms = s.geoms();
    return a -> geoms.getOrDefault(a.id(), a.geom());
  }

  static Map<String, Geometry> simplify(List<Area> areas) {
    return simplify(areas, SIMPLIFY_TOLERANCE);
  }

  static Map<String, Geometry> simplify(List<Area> areas, double tolerance) {
    Geometry[] in = areas.stream().map(Area::geom).toArray(Geometry[]::new);
    Geometry[] out;
    try {
      out = CoverageSimplifier.simplify(in, tolerance);
    } catch (RuntimeException e) {
      out = new Geometry[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = TopologyPreservingSimplifier.simplify(in[i], tolerance);
      }
    }
    Map<String, Geometry> m = new java.util.HashMap<>();
    for (int i = 0; i < in.length; i++) {
      Geometry g = out[i];
      m.put(areas.get(i).id(), g == null || g.isEmpty() ? in[i] : g);
    }
    return m;
  }

  private static List<LayerFeature> build(
      Dataset d, String id, LocalDate date, java.util.function.Function<Area, Geometry> geom) {
    return switch (id) {
      case "areas" -> areas(d, geom);
      case "patrol", "dispatch" -> providers(d, Coded.parse(Function.class, id), date, geom);
      case "contracts" -> contracts(d, date, geom);
      case "footprints" -> footprints(d);
      default -> throw new IllegalArgumentException(id);
    };
  }

  private static List<LayerFeature> areas(
      Dataset d, java.util.function.Function<Area, Geometry> geom) {
    List<LayerFeature> out = new ArrayList<>();
    for (Area a : d.areas().values()) {
      Map<String, Object> p = Shapes.area(a);
      p.put("area_km2", Shapes.km2(a.areaM2()));
      p.put("boundary_source", a.source());
      p.put("dataset", d.id());
      out.add(feature(a.id(), geom.apply(a), p));
    }
    return out;
  }

  private static List<LayerFeature> providers(
      Dataset d,
      Function function,
      LocalDate date,
      java.util.function.Function<Area, Geometry> geom) {
    Map<String, List<Area>> byAgency = new TreeMap<>();
    Map<String, List<RoleAnswer>> roles = new TreeMap<>();
    for (Area a : d.areas().values()) {
      RoleAnswer r = d.role(a, function, date);
      // by-rule answers are their own features: the map shows what the lookup says, labelled
      String key =
          r.known() ? r.service().agencyId() : r.byRule() ? BY_RULE + r.agency().id() : "unknown";
      byAgency.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
      roles.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<LayerFeature> out = new ArrayList<>();
    for (Map.Entry<String, List<Area>> e : byAgency.entrySet()) {
      String key = e.getKey();
      List<RoleAnswer> rs = roles.get(key);
      boolean byRule = key.startsWith(BY_RULE);
      Agency agency =
          "unknown".equals(key)
              ? null
              : d.agencies().get(byRule ? key.substring(BY_RULE.length()) : key);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(
          "status",
          (agency == null
                  ? RoleAnswer.Status.UNKNOWN
                  : byRule ? RoleAnswer.Status.BY_RULE : RoleAnswer.Status.KNOWN)
              .id());
      p.put("function", function.id());
      p.put("agency_id", agency == null ? null : agency.id());
      p.put("agency_name", agency == null ? "Unknown" : agency.name());
      p.put("agency_kind", agency == null ? null : agency.kind());
      p.put(
          "arrangements",
          new TreeSet<>(
              rs.stream()
                  .map(Layers::arrangement)
                  .filter(Objects::nonNull)
                  .map(Arrangement::id)
                  .toList()));
      if (byRule) {
        p.put("rules", new TreeSet<>(rs.stream().map(r -> r.rule().id()).toList()));
      }
      p.put("confidence", lowest(rs));
      p.put("areas", e.getValue().stream().map(Area::id).toList());
      p.put("area_names", e.getValue().stream().map(Area::name).toList());
      p.put("area_count", e.getValue().size());
      p.put(
          "source_count",
          rs.stream()
              .flatMap(
                  r ->
                      r.known()
                          ? r.service().sourceIds().stream()
                          : r.rule() == null
                              ? java.util.stream.Stream.<String>empty()
                              : r.rule().sourceIds().stream())
              .distinct()
              .count());
      p.put("area_km2", Shapes.km2(e.getValue().stream().mapToDouble(Area::areaM2).sum()));
      p.put("date", date.toString());
      p.put("dataset", d.id());
      out.add(
          feature(
              function + "-" + key.replace(':', '-'),
              dissolve(e.getValue().stream().map(geom).toList()),
              p));
    }
    return out;
  }

  /** Prefix of the grouping key of areas whose provider a cited rule decides. */
  private static final String BY_RULE = "by_rule:";

  /** The arrangement of a cited row, or of the rule that decided the answer; null when unknown. */
  private static Arrangement arrangement(RoleAnswer r) {
    return r.known() ? r.service().arrangement() : r.byRule() ? r.rule().arrangement() : null;
  }

  private static String lowest(List<RoleAnswer> rs) {
    return rs.stream()
        .map(RoleAnswer::confidence)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .map(Confidence::id)
        .orElse(null);
  }

  private static List<LayerFeature> contracts(
      Dataset d, LocalDate date, java.util.function.Function<Area, Geometry> geom) {
    List<LayerFeature> out = new ArrayList<>();
    for (Area a : d.areas().values()) {
      for (Service s : d.contracts(a, date)) {
        Agency agency = d.agencies().get(s.agencyId());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("service_id", s.id());
        p.put("area_id", a.id());
        p.put("area_name", a.name());
        p.put("function", s.function().id());
        p.put("agency_id", s.agencyId());
        p.put("agency_name", agency == null ? s.agencyId() : agency.name());
        p.put("arrangement", s.arrangement().id());
        p.put("since", s.validFrom() == null ? null : s.validFrom().toString());
        p.put("until", s.validTo() == null ? null : s.validTo().toString());
        p.put("confidence", s.confidence().id());
        p.put("source_count", s.sourceIds().size());
        p.put("date", date.toString());
        p.put("dataset", d.id());
        out.add(feature(s.id(), geom.apply(a), p));
      }
    }
    return out;
  }

  private static List<LayerFeature> footprints(Dataset d) {
    List<LayerFeature> out = new ArrayList<>();
    for (Footprint f : d.footprints().values()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", f.id());
      p.put("name", f.name());
      p.put("description", f.description());
      p.put("area_km2", Shapes.km2(f.areaM2()));
      p.put("source", f.source());
      p.put("dataset", d.id());
      out.add(feature(f.id(), f.geom(), p));
    }
    return out;
  }

  /** Unions area polygons (robust overlay; the areas' shared edges need not match exactly). */
  static Geometry dissolve(Collection<Geometry> geoms) {
    Geometry u = UnaryUnionOp.union(geoms);
    if (u instanceof Polygon p) {
      return Dataset.GEOMETRY.createMultiPolygon(new Polygon[] {p});
    }
    if (u instanceof MultiPolygon) {
      return u;
    }
    List<Polygon> polys = new ArrayList<>();
    for (int i = 0; i < u.getNumGeometries(); i++) {
      if (u.getGeometryN(i) instanceof Polygon p) {
        polys.add(p);
      }
    }
    return Dataset.GEOMETRY.createMultiPolygon(polys.toArray(Polygon[]::new));
  }

  /** Serializes one feature: {@code id} at the top level, RFC 7946 geometry, properties. */
  public static LayerFeature feature(String id, Geometry geom, Map<String, Object> props) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "Feature");
      g.writeStringField("id", id);
      g.writeFieldName("geometry");
      g.writeRawValue(GeoJsonGeometry.toJson(geom));
      g.writeFieldName("properties");
      Json.MAPPER.writeValue(g, props);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LayerFeature(
        id, geom, java.util.Collections.unmodifiableMap(props), out.toByteArray());
  }
}
