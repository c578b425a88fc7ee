package org.patrolmap.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patrolmap.AppConfig;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.http.Params;
import org.patrolmap.http.Responses;
import org.patrolmap.json.Json;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.Dataset;

/**
 * {@code /api/areas[/{id}]} and {@code /api/agencies[/{id}]}: lists and details with full history.
 */
final class CatalogHandlers {
  private final CurrentDataset datasets;
  private final AppConfig config;

  CatalogHandlers(CurrentDataset datasets, AppConfig config) {
    this.datasets = datasets;
    this.config = config;
  }

  /**
   * {@code GET /api/agencies/{id}/vcard[?f=vcard|jcard]}: the agency's card, RFC 6350 vCard or RFC
   * 7095 jCard — the target of the NENA {@code AVcard_URI}.
   */
  void vcard(Context ctx) {
    Params.allow(ctx, Set.of("f"));
    String f = ctx.queryParam("f") == null ? "vcard" : ctx.queryParam("f");
    if (!f.equals("vcard") && !f.equals("jcard")) {
      throw ApiError.badRequest("f", "must be vcard or jcard");
    }
    Dataset d = datasets.current();
    Agency a = d.agencies().get(ctx.pathParam("id"));
    if (a == null) {
      throw ApiError.notFound("agency", ctx.pathParam("id"));
    }
    List<AgencyCard.Property> card =
        AgencyCard.properties(d, a, BaseUrl.of(ctx, config) + "/api/agencies/" + a.id() + "/vcard");
    ctx.header(Responses.DATASET_HEADER, Long.toString(d.id()));
    if (f.equals("jcard")) {
      ctx.contentType(ContentTypes.JCARD).result(Json.bytes(AgencyCard.jcard(card)));
    } else {
      ctx.header("Content-Disposition", "inline; filename=\"" + a.id() + ".vcf\"");
      ctx.contentType(ContentTypes.VCARD).result(AgencyCard.vcard(card));
    }
  }

  void areas(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    List<Map<String, Object>> list =
        d.areas().values().stream()
            .map(
                a -> {
                  Map<String, Object> m = Shapes.area(a);
                  m.put("area_km2", Shapes.km2(a.areaM2()));
                  return m;
                })
            .toList();
    Responses.json(ctx, d.id(), list);
  }

  void area(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Area a = d.areas().get(ctx.pathParam("id"));
    if (a == null) {
      throw ApiError.notFound("area", ctx.pathParam("id"));
    }
    Map<String, Object> m = Shapes.area(a);
    m.put("area_km2", Shapes.km2(a.areaM2()));
    m.put("boundary_source", a.source());
    m.put("services", d.history(a.id()).stream().map(s -> Views.service(d, s)).toList());
    m.put("changes_url", "/api/changes?area=" + a.id());
    m.put("suggest_url", "/correct.html?area=" + a.id());
    Responses.json(ctx, d.id(), m);
  }

  void agencies(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Responses.json(
        ctx,
        d.id(),
        d.agencies().values().stream()
            .map(
                a -> {
                  Map<String, Object> m = Views.agencyRef(a);
                  m.put(
                      "areas_served",
                      d.servicesOf(a.id()).stream().map(s -> s.areaId()).distinct().count());
                  return m;
                })
            .toList());
  }

  void agency(Context ctx) {
    Params.allow(ctx, Set.of());
    Dataset d = datasets.current();
    Agency a = d.agencies().get(ctx.pathParam("id"));
    if (a == null) {
      throw ApiError.notFound("agency", ctx.pathParam("id"));
    }
    Map<String, Object> m = Views.agencyRef(a);
    m.put("address", a.address());
    m.put("accreditation", a.accreditation());
    m.put("accreditation_date", a.accreditationDate());
    m.put("note", a.note());
    m.put("sources", Views.sources(d.sourcesOf(a.sourceIds())));
    m.put("contacts", d.contactsOf(a.id()).stream().map(c -> Views.contact(d, c)).toList());
    Map<String, Object> byFunction = new LinkedHashMap<>();
    d.servicesOf(a.id())
        .forEach(
            s -> {
              @SuppressWarnings("unchecked")
              List<Map<String, Object>> l =
                  (List<Map<String, Object>>)
                      byFunction.computeIfAbsent(
                          s.function().id(), k -> new java.util.ArrayList<Map<String, Object>>());
              Map<String, Object> e = Views.service(d, s);
              Area area = d.areas().get(s.areaId());
              e.put("area", area == null ? null : Shapes.area(area));
              l.add(e);
            });
    m.put("services", byFunction);
    Responses.json(ctx, d.id(), m);
  }
}
