package org.patrolmap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.FormFields;
import org.patrolmap.http.JsonBody;
import org.patrolmap.http.Params;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.json.Json;
import org.patrolmap.model.AuditTrail;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionStore;
import org.patrolmap.model.CorrectionTopic;
import org.patrolmap.model.DatabaseRole;

/**
 * The review of public corrections (admin token, as every {@code /admin} route): {@code GET
 * /admin/corrections[?status=&area=&agency=&function=&limit=&before=]}, {@code GET
 * /admin/corrections/{id}}, {@code POST /admin/corrections/{id}/accept} and {@code .../reject} with
 * {@code {"note": "..."}}. Every action is audited (reads too: corrections may carry an e-mail
 * address). Accepting changes nothing served: {@code patrolmap corrections export} turns accepted
 * corrections into {@code data/} rows for the maintainer to commit and import.
 */
public final class CorrectionReviewRoutes implements Routes {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final int MAX_NOTE_CHARS = 2000;
  private static final JsonBody NOTE = new JsonBody(16 * 1024, Set.of("note"));
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("c-[0-9a-f]{16}");

  private final AdminGate gate;
  private final CorrectionStore store;
  private final AuditTrail audit;

  /**
   * {@code adminToken} null turns the routes off (absent, 404); on a replica ({@code role}) they
   * answer 503.
   */
  public CorrectionReviewRoutes(
      String adminToken, CorrectionStore store, AuditTrail audit, DatabaseRole role) {
    this.gate = new AdminGate(adminToken, audit, role);
    this.store = store;
    this.audit = audit;
  }

  @Override
  public List<Route> routes() {
    if (!gate.on()) {
      return List.of();
    }
    return List.of(
        Route.get("/admin/corrections", this::list),
        Route.get("/admin/corrections/{id}", this::read),
        Route.post("/admin/corrections/{id}/accept", ctx -> review(ctx, true)),
        Route.post("/admin/corrections/{id}/reject", ctx -> review(ctx, false)));
  }

  void list(Context ctx) {
    Params.allow(ctx, Set.of("status", "area", "agency", "function", "limit", "before"));
    AdminGate.Caller c = gate.authorize(ctx, "list_corrections");
    String status = ctx.queryParam("status");
    if (status != null && !Correction.STATUSES.contains(status)) {
      throw new InvalidValueException("status", "must be one of " + Correction.STATUSES);
    }
    String fn = ctx.queryParam("function");
    CorrectionTopic topic =
        fn == null
            ? null
            : Coded.of(CorrectionTopic.class, fn)
                .orElseThrow(
                    () ->
                        new InvalidValueException(
                            "function", "must be one of " + Coded.ids(CorrectionTopic.class)));
    String before = ctx.queryParam("before");
    if (before != null && !ID.matcher(before).matches()) {
      throw new InvalidValueException("before", "must be a correction id (c- and 16 hex digits)");
    }
    int limit = limit(ctx.queryParam("limit"));
    List<Correction> list =
        store.list(
            new CorrectionStore.Filter(
                status, slug(ctx, "area"), slug(ctx, "agency"), topic, before, limit));
    audit.record(c.entry("list_corrections", ctx.queryString(), "listed " + list.size()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("corrections", list.stream().map(CorrectionReviewRoutes::view).toList());
    m.put(
        "next",
        list.size() == limit
            ? "/admin/corrections?"
                + (status == null ? "" : "status=" + status + "&")
                + "limit="
                + limit
                + "&before="
                + list.get(limit - 1).id()
            : null);
    ctx.contentType("application/json").result(Json.bytes(m));
  }

  void read(Context ctx) {
    Params.allow(ctx, Set.of());
    AdminGate.Caller c = gate.authorize(ctx, "read_correction");
    String id = ctx.pathParam("id");
    Correction found = ID.matcher(id).matches() ? store.get(id).orElse(null) : null;
    audit.record(c.entry("read_correction", id, found == null ? "not found" : "read"));
    if (found == null) {
      throw ApiError.notFound("correction", org.patrolmap.geo.Numbers.abbreviate(id));
    }
    ctx.contentType("application/json").result(Json.bytes(view(found)));
  }

  void review(Context ctx, boolean accept) {
    Params.allow(ctx, Set.of());
    String action = accept ? "accept_correction" : "reject_correction";
    AdminGate.Caller c = gate.authorize(ctx, action);
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw ApiError.notFound("correction", org.patrolmap.geo.Numbers.abbreviate(id));
    }
    JsonNode body = NOTE.read(ctx);
    String note = FormFields.text(body, "note", MAX_NOTE_CHARS, true, true);
    CorrectionStore.Reviewed r =
        store
            .review(id, accept, note, c.entry(action, id, accept ? "accepted" : "rejected"))
            .orElseThrow(() -> ApiError.notFound("correction", id));
    if (!r.done()) {
      throw new ApiError(
          409,
          "conflict",
          "Correction " + id + " was already reviewed",
          Map.of("status", r.correction().status()));
    }
    ctx.contentType("application/json").result(Json.bytes(view(r.correction())));
  }

  private static String slug(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v != null && !v.matches("[a-z0-9][a-z0-9-]{0,79}")) {
      throw new InvalidValueException(name, "must be an id of lower-case letters, digits and '-'");
    }
    return v;
  }

  private static int limit(String v) {
    if (v == null) {
      return DEFAULT_LIMIT;
    }
    if (!v.matches("\\d{1,4}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_LIMIT) {
      throw new InvalidValueException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(v);
  }

  /** A correction as the review API shows it. */
  static Map<String, Object> view(Correction c) {
    Correction.Submission s = c.submission();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("status", c.status());
    m.put("received_at", c.receivedAt());
    m.put("dataset", c.datasetId());
    m.put("area", s.areaId());
    m.put("agency", s.agencyId());
    m.put("function", s.topic());
    m.put("problem", s.problem());
    m.put("proposed", s.proposed());
    m.put("proposed_agency", s.proposedAgencyId());
    m.put("proposed_arrangement", s.proposedArrangement());
    m.put("source_url", s.sourceUrl());
    m.put("source_title", s.sourceTitle());
    m.put("effective_date", s.effectiveDate());
    m.put("email", s.contactEmail());
    m.put("lon", c.lon());
    m.put("lat", c.lat());
    m.put("reviewed_at", c.reviewedAt());
    m.put("reviewed_by", c.reviewedBy());
    m.put("review_note", c.reviewNote());
    return m;
  }
}
