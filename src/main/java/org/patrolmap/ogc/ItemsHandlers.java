package org.patrolmap.ogc;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.layers.BoundedWork;
import org.patrolmap.layers.FeatureFilter;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.PreparedBody;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/** {@code /ogc/collections/{id}/items} (paged, filtered GeoJSON) and {@code /items/{featureId}}. */
final class ItemsHandlers {
  private static final List<String> FEATURE_TYPES = MediaTypes.FEATURES;

  /** The header naming the CRS of the coordinates in an answer (Part 2). */
  static final String CONTENT_CRS = "Content-Crs";

  /** The media type of the queryables (a JSON Schema). */
  static final String SCHEMA_JSON = "application/schema+json";

  private final AppConfig cfg;
  private final CurrentDataset datasets;
  private final Layers layers;
  private final Supplier<LocalDate> today;
  private final String csp;

  /**
   * Where pages of items are filtered (CQL2), reprojected and encoded: bounded in concurrency and
   * time.
   */
  private final BoundedWork pages;

  ItemsHandlers(
      AppConfig cfg,
      CurrentDataset datasets,
      Layers layers,
      Supplier<LocalDate> today,
      String csp,
      BoundedWork pages) {
    this.cfg = cfg;
    this.pages = pages;
    this.csp = csp;
    this.datasets = datasets;
    this.layers = layers;
    this.today = today;
  }

  void items(Context ctx) {
    String id = CapabilityHandlers.collectionId(ctx);
    ItemsQuery q = ItemsQuery.parse(ctx, id, today.get());
    String type = MediaTypes.choose(q.f(), ctx.header("Accept"), FEATURE_TYPES);
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, q.date());
    String base = BaseUrl.of(ctx, cfg);
    boolean gzip = Responses.acceptsGzip(ctx);
    // filtering, reprojecting and encoding a page (up to a whole layer) is bounded work
    Page page = pages.run(() -> page(id, q, type, layer, base, gzip));
    if (page.html() != null) {
      HtmlPages.write(ctx, csp, 200, page.html());
      return;
    }
    ctx.header(CONTENT_CRS, "<" + q.crs().uri() + ">");
    Responses.prepared(ctx, d.id(), page.body(), type, true);
  }

  /** A page of items as HTML, or as a prepared feature collection. */
  private record Page(byte[] html, PreparedBody body) {}

  private Page page(String id, ItemsQuery q, String type, Layer layer, String base, boolean gzip) {
    List<LayerFeature> matched =
        FeatureFilter.filter(
            layer.features(),
            q.bbox(),
            q.filters(),
            q.filter() == null
                ? f -> true
                : Cql2.parse(q.filter(), q.filterLang(), Queryables.of(layer.features())));
    List<LayerFeature> page =
        matched.subList(
            Math.min(q.offset(), matched.size()),
            (int) Math.min((long) q.offset() + q.limit(), matched.size()));
    List<Map<String, Object>> links =
        pageLinks(
            base + OgcRoutes.ROOT + "/collections/" + id, q, type, matched.size(), page.size());
    if (type.equals(ContentTypes.HTML)) {
      return new Page(
          HtmlPages.items(
              base,
              id,
              Layers.info(id).orElseThrow().title(),
              matched.size(),
              q.offset(),
              page,
              links,
              cfg.tileUrl(),
              cfg.tileAttribution()),
          null);
    }
    Reprojection crs = Reprojection.to(q.crs());
    return new Page(
        null,
        FeaturePages.collection(
            matched.size(), page.stream().map(crs::feature).toList(), links, Instant.now(), gzip));
  }

  /** {@code /collections/{id}/queryables}: the JSON Schema of the properties filters may name. */
  void queryables(Context ctx) {
    String id = CapabilityHandlers.collectionId(ctx);
    Params.allow(ctx, java.util.Set.of("f"));
    String type =
        MediaTypes.choose(
            ctx.queryParam("f"), ctx.header("Accept"), List.of(SCHEMA_JSON, ContentTypes.JSON));
    Layer layer = layers.get(datasets.current(), id, today.get());
    String href = BaseUrl.of(ctx, cfg) + OgcRoutes.ROOT + "/collections/" + id + "/queryables";
    Responses.negotiated(
        ctx,
        type,
        org.patrolmap.json.Json.bytes(
            Queryables.of(layer.features())
                .schema(href, Layers.info(id).orElseThrow().title() + ": queryables")));
  }

  void item(Context ctx) {
    String id = CapabilityHandlers.collectionId(ctx);
    Params.allow(ctx, QueryParameters.names(QueryParameters.feature(id)));
    String dt = ctx.queryParam(AsOfDate.PARAM);
    LocalDate date = AsOfDate.parse(dt, today.get());
    String f = ctx.queryParam("f");
    String type = MediaTypes.choose(f, ctx.header("Accept"), FEATURE_TYPES);
    String crsText = ctx.queryParam("crs");
    Crs crs = crsText == null ? Crs.CRS84 : ItemsQuery.crs("crs", crsText);
    String featureId = ctx.pathParam("featureId");
    Dataset d = datasets.current();
    Layer layer = layers.get(d, id, date);
    LayerFeature feature =
        layer.features().stream()
            .filter(x -> x.id().equals(featureId))
            .findFirst()
            .orElseThrow(() -> noFeature(id, featureId, layer.date()));
    String collection = BaseUrl.of(ctx, cfg) + OgcRoutes.ROOT + "/collections/" + id;
    String self =
        collection
            + "/items/"
            + java.net.URLEncoder.encode(featureId, java.nio.charset.StandardCharsets.UTF_8);
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(Links.link(self + Links.query(pairs(dt, crsText, f)), "self", type, "This feature"));
    links.addAll(alternates(self + Links.query(pairs(dt, crsText, null)), type, "This feature"));
    links.add(Links.link(collection, "collection", ContentTypes.JSON, "The collection"));
    if (type.equals(ContentTypes.HTML)) {
      HtmlPages.write(
          ctx,
          csp,
          200,
          HtmlPages.item(
              BaseUrl.of(ctx, cfg), id, feature, links, cfg.tileUrl(), cfg.tileAttribution()));
      return;
    }
    ctx.header(CONTENT_CRS, "<" + crs.uri() + ">");
    Responses.prepared(
        ctx,
        d.id(),
        FeaturePages.feature(Reprojection.to(crs).feature(feature), links),
        type,
        true);
  }

  /**
   * self, alternate, next (on every page but the last), prev (when not on the first page) and
   * collection.
   */
  static List<Map<String, Object>> pageLinks(
      String collection, ItemsQuery q, String type, int matched, int returned) {
    String items = collection + "/items";
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(Links.link(items + q.queryString(q.offset(), q.f()), "self", type, "This page"));
    links.addAll(alternates(items + q.queryString(q.offset(), null), type, "This page"));
    if (q.offset() + returned < matched) {
      links.add(
          Links.link(
              items + q.queryString(q.offset() + q.limit(), q.f()), "next", type, "The next page"));
    }
    if (q.offset() > 0) {
      links.add(
          Links.link(
              items + q.queryString(Math.max(0, q.offset() - q.limit()), q.f()),
              "prev",
              type,
              "The previous page"));
    }
    links.add(Links.link(collection, "collection", ContentTypes.JSON, "The collection"));
    return links;
  }

  private static List<String[]> pairs(String datetime, String crs, String f) {
    return List.of(
        new String[] {AsOfDate.PARAM, datetime}, new String[] {"crs", crs}, new String[] {"f", f});
  }

  /**
   * The alternate links of a page or feature answered as {@code type}: the other feature media
   * types, GeoJSON and JSON first (as before the HTML form existed), each with its {@code f}.
   */
  private static List<Map<String, Object>> alternates(String href, String type, String what) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String t : FEATURE_TYPES) {
      if (!t.equals(type)) {
        out.add(
            Links.link(
                Links.withFormat(href, MediaTypes.format(t)), "alternate", t, what + " as " + t));
      }
    }
    return out;
  }

  private static ApiError noFeature(String collection, String featureId, LocalDate date) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("collection", collection);
    details.put("featureId", Numbers.abbreviate(featureId));
    if (date != null) {
      details.put("date", date.toString());
    }
    return new ApiError(
        404,
        "not_found",
        "No feature '"
            + Numbers.abbreviate(featureId)
            + "' in collection '"
            + collection
            + "'"
            + (date == null ? "" : " on " + date),
        details);
  }
}
