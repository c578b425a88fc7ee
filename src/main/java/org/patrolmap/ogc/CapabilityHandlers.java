package org.patrolmap.ogc;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.geo.Numbers;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.json.Json;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * The OGC resources that describe the service: landing page, conformance, API definition and
 * documentation, collections.
 */
final class CapabilityHandlers {
  private static final Set<String> F = Set.of("f");
  private static final String DOCS_RESOURCE = "/ogc/docs.html";
  private final AppConfig cfg;
  private final CurrentDataset datasets;
  private final Layers layers;
  private final Supplier<LocalDate> today;
  private final byte[] docs;
  private final String csp;

  CapabilityHandlers(
      AppConfig cfg,
      CurrentDataset datasets,
      Layers layers,
      Supplier<LocalDate> today,
      String csp) {
    this.cfg = cfg;
    this.csp = csp;
    this.datasets = datasets;
    this.layers = layers;
    this.today = today;
    this.docs = resource(DOCS_RESOURCE);
  }

  void landing(Context ctx) {
    String type = negotiate(ctx, MediaTypes.DOCUMENTS);
    String base = BaseUrl.of(ctx, cfg);
    Map<String, Object> doc = CollectionDocs.landing(base, type);
    write(ctx, type, doc, () -> HtmlPages.landing(base, doc));
  }

  void conformance(Context ctx) {
    String type = negotiate(ctx, MediaTypes.DOCUMENTS);
    String base = BaseUrl.of(ctx, cfg);
    Map<String, Object> doc = CollectionDocs.conformance();
    write(ctx, type, doc, () -> HtmlPages.conformance(base, doc));
  }

  void api(Context ctx) {
    String type = negotiate(ctx, List.of(ContentTypes.OPENAPI, ContentTypes.JSON));
    write(ctx, type, Json.bytes(OpenApiDocument.build(BaseUrl.of(ctx, cfg) + OgcRoutes.ROOT)));
  }

  void docs(Context ctx) {
    Params.allow(ctx, Set.of());
    ctx.contentType(ContentTypes.HTML + "; charset=utf-8").result(docs);
  }

  void collections(Context ctx) {
    String type = negotiate(ctx, MediaTypes.DOCUMENTS);
    String base = BaseUrl.of(ctx, cfg);
    Dataset d = datasets.current();
    List<Layer> today =
        Layers.REGISTRY.stream().map(i -> layers.get(d, i.id(), this.today.get())).toList();
    Map<String, Object> doc = CollectionDocs.collections(base, type, d, today);
    write(ctx, type, doc, () -> HtmlPages.collections(base, doc));
  }

  void collection(Context ctx) {
    String id = collectionId(ctx);
    String type = negotiate(ctx, MediaTypes.DOCUMENTS);
    String base = BaseUrl.of(ctx, cfg);
    Dataset d = datasets.current();
    Map<String, Object> doc =
        CollectionDocs.collection(base, type, d, layers.get(d, id, today.get()), true);
    write(ctx, type, doc, () -> HtmlPages.collection(base, doc));
  }

  /** The collection id of the path, or a 404 when it names none. */
  static String collectionId(Context ctx) {
    String id = ctx.pathParam("collectionId");
    if (Layers.info(id).isEmpty()) {
      throw ApiError.notFound("collection", Numbers.abbreviate(id));
    }
    return id;
  }

  private static String negotiate(Context ctx, List<String> offered) {
    Params.allow(ctx, F);
    return MediaTypes.choose(ctx.queryParam("f"), ctx.header("Accept"), offered);
  }

  private static void write(Context ctx, String type, byte[] body) {
    Responses.negotiated(ctx, type, body);
  }

  /** Writes a document as JSON, or as the page {@code html} makes when HTML was chosen. */
  private void write(Context ctx, String type, Map<String, Object> doc, Supplier<byte[]> html) {
    if (type.equals(ContentTypes.HTML)) {
      HtmlPages.write(ctx, csp, 200, html.get());
    } else {
      write(ctx, type, Json.bytes(doc));
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = CapabilityHandlers.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
