package org.patrolmap.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.http.ApiError;
import org.patrolmap.http.FootprintInput;
import org.patrolmap.http.Limits;
import org.patrolmap.http.Params;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.json.Json;
import org.patrolmap.model.AuditTrail;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseRole;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.FootprintArchive;

/**
 * The {@code /admin} routes, the only ones that change data over HTTP: {@code POST /admin/import}
 * (background import, 202 with a job), {@code GET /admin/import/{job}} and {@code POST
 * /admin/footprints} (save a named footprint). Each needs {@code Authorization: Bearer
 * <PATROLMAP_ADMIN_TOKEN>}, compared in constant time and never logged; without a configured token
 * the routes answer 404 as if absent. Every attempt is written to the audit log.
 */
public final class AdminRoutes implements Routes {
  private static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MAX_DESCRIPTION_CHARS = 2000;

  private final AdminGate gate;
  private final ImportJobs imports;
  private final FootprintArchive saved;
  private final AuditTrail audit;
  private final CurrentDataset datasets;
  private final FootprintInput input =
      new FootprintInput(Limits.MAX_JSON_DEPTH, Limits.MAX_VERTICES);

  /**
   * {@code adminToken} null turns the admin routes off; on a replica ({@code role}) they answer
   * 503.
   */
  public AdminRoutes(
      String adminToken,
      ImportJobs imports,
      FootprintArchive saved,
      AuditTrail audit,
      CurrentDataset datasets,
      DatabaseRole role) {
    this.gate = new AdminGate(adminToken, audit, role);
    this.imports = imports;
    this.saved = saved;
    this.audit = audit;
    this.datasets = datasets;
  }

  /**
   * Registers the routes only when a token is configured: switched off, they do not exist (404 for
   * every method).
   */
  @Override
  public List<Route> routes() {
    if (!gate.on()) {
      return List.of();
    }
    return List.of(
        Route.post("/admin/import", this::startImport),
        Route.get("/admin/import/{job}", this::job),
        Route.post("/admin/footprints", this::saveFootprint));
  }

  void startImport(Context ctx) {
    Params.allow(ctx, Set.of());
    AdminGate.Caller c = authorize(ctx, "import");
    audit.record(c.entry("import", null, "requested"));
    Optional<ImportJobs.Job> job =
        imports.start(
            end ->
                audit.record(
                    c.entry(
                        "import",
                        end.id(),
                        end.state()
                            + (end.datasetId() != null
                                ? ": dataset " + end.datasetId()
                                : ": " + end.message()))));
    if (job.isEmpty()) {
      audit.record(c.entry("import", null, "refused: an import is running"));
      throw new ApiError(409, "conflict", "An import is already running", Map.of());
    }
    Map<String, Object> body = job.get().view();
    body.put("status_url", "/admin/import/" + job.get().id());
    ctx.header("Location", "/admin/import/" + job.get().id());
    ctx.status(202).contentType("application/json").result(Json.bytes(body));
  }

  void job(Context ctx) {
    Params.allow(ctx, Set.of());
    authorize(ctx, "import_status");
    ImportJobs.Job j =
        imports
            .get(ctx.pathParam("job"))
            .orElseThrow(() -> ApiError.notFound("job", ctx.pathParam("job")));
    ctx.contentType("application/json").result(Json.bytes(j.view()));
  }

  void saveFootprint(Context ctx) {
    Params.allow(ctx, Set.of());
    AdminGate.Caller c = authorize(ctx, "save_footprint");
    byte[] body =
        Limits.geoJsonBody(ctx, "Send the footprint as a GeoJSON Feature (application/geo+json)");
    FootprintInput.Parsed parsed = input.parseFeature(body);
    if (!"Feature".equals(parsed.rootType())) {
      throw new InvalidValueException(
          "body", "must be a GeoJSON Feature with properties id and name");
    }
    Geometry g = parsed.geometry();
    JsonNode props = parsed.properties();
    String id = props.path("id").asText("");
    if (!ID.matcher(id).matches()) {
      throw new InvalidValueException(
          "properties.id",
          "must be 1-63 lower-case letters, digits or '-', starting with a letter or digit");
    }
    String name = text(props, "name", Limits.MAX_NAME_CHARS, true);
    String description = text(props, "description", MAX_DESCRIPTION_CHARS, false);
    Dataset d = datasets.current();
    if (d.footprints().containsKey(id)) {
      audit.record(c.entry("save_footprint", id, "refused: exists"));
    }
    if (d.footprints().containsKey(id)
        || !saved.save(id, name, description, g, c.entry("save_footprint", id, "saved"))) {
      throw new ApiError(
          409, "conflict", "A footprint '" + id + "' exists already", Map.of("id", id));
    }
    datasets.reload();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("overlay_url", "/api/footprints/" + id + "/overlay");
    ctx.header("Location", "/api/footprints/" + id + "/overlay");
    ctx.status(201).contentType("application/json").result(Json.bytes(m));
  }

  private AdminGate.Caller authorize(Context ctx, String action) {
    return gate.authorize(ctx, action);
  }

  private static String text(JsonNode props, String key, int max, boolean required) {
    JsonNode n = props.path(key);
    String s = n.isTextual() ? n.asText().strip() : "";
    if (required && s.isEmpty()) {
      throw new InvalidValueException("properties." + key, "is required");
    }
    if (s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException(
          "properties." + key, "must be at most " + max + " printable characters");
    }
    return s;
  }

  /** See {@link AdminGate#fingerprint}. */
  static String fingerprint(String token) {
    return AdminGate.fingerprint(token);
  }
}
