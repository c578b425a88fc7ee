package org.patrolmap.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.patrolmap.http.Params;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.json.Json;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseRole;
import org.patrolmap.model.Dataset;

/**
 * {@code GET /health}: 200 when the database answers, 503 otherwise; always says which dataset is
 * served, and the database's role: {@code primary}, or {@code replica} (a read-only hot standby:
 * lookups served, writes refused) with its replication state.
 */
public final class HealthHandler implements Routes {
  private final BooleanSupplier databaseUp;
  private final CurrentDataset datasets;
  private final DatabaseRole role;

  /** {@code databaseUp} asks the database whether it answers (bounded by its own timeout). */
  public HealthHandler(BooleanSupplier databaseUp, CurrentDataset datasets, DatabaseRole role) {
    this.databaseUp = databaseUp;
    this.datasets = datasets;
    this.role = role;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/health", this::handle));
  }

  void handle(Context ctx) {
    Params.allow(ctx, java.util.Set.of());
    boolean up = databaseUp.getAsBoolean();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up && datasets.hasDataset() ? "up" : "degraded");
    body.put("database", up ? "up" : "down");
    DatabaseRole.Status rs = role.status();
    body.put("role", rs.role().id());
    if (rs.role() == DatabaseRole.Role.REPLICA) {
      Map<String, Object> rep = new LinkedHashMap<>();
      rep.put("writes", "refused (503 read_only_replica): send them to the primary");
      rep.put("replayed_at", rs.replayedAt());
      rep.put("lag_seconds", rs.lagSeconds());
      rep.put("wal_receiver", rs.walReceiver());
      body.put("replication", rep);
    }
    body.put("lookups", datasets.hasDataset() ? "serving from memory" : "no dataset");
    if (datasets.hasDataset()) {
      Dataset d = datasets.current();
      Map<String, Object> ds = new LinkedHashMap<>();
      ds.put("id", d.id());
      ds.put("imported_at", d.info().importedAt());
      ds.put("counts", d.info().counts());
      body.put("dataset", ds);
    } else {
      body.put("dataset", null);
    }
    if (!up) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(up ? 200 : 503).contentType("application/json").result(Json.bytes(body));
  }
}
