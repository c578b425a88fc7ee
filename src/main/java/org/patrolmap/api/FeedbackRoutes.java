package org.patrolmap.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.patrolmap.AppConfig;
import org.patrolmap.http.RateLimiter;
import org.patrolmap.http.Route;
import org.patrolmap.http.Routes;
import org.patrolmap.model.ChangeLog;
import org.patrolmap.model.CorrectionStore;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseRole;

/**
 * The public routes that keep the answers true (issue 13): {@code POST /api/corrections}, {@code
 * GET /api/changes} and {@code GET /api/quality}. On a read-only replica ({@code role}) a
 * correction answers 503 {@code read_only_replica}.
 */
public final class FeedbackRoutes implements Routes {
  /** Corrections one client address may send at once, and how fast the allowance refills. */
  public static final int CORRECTIONS_BURST = 10;

  public static final Duration CORRECTIONS_PERIOD = Duration.ofHours(1);

  /** Most client addresses the limiter tracks at once. */
  public static final int CORRECTIONS_CLIENTS = 10_000;

  /** The limiter of {@code POST /api/corrections}: 10 per address per hour, in bursts of 10. */
  public static RateLimiter correctionLimiter() {
    return new RateLimiter(CORRECTIONS_BURST, CORRECTIONS_PERIOD, CORRECTIONS_CLIENTS);
  }

  private final CorrectionsHandler corrections;
  private final ChangesHandler changes;
  private final QualityHandler quality;

  public FeedbackRoutes(
      AppConfig cfg,
      CurrentDataset datasets,
      CorrectionStore store,
      ChangeLog log,
      RateLimiter limiter,
      Supplier<LocalDate> today,
      DatabaseRole role) {
    this.corrections = new CorrectionsHandler(datasets, store, limiter, role);
    this.changes = new ChangesHandler(cfg, log);
    this.quality = new QualityHandler(datasets, today);
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/corrections", corrections::submit),
        Route.get("/api/changes", changes::handle),
        Route.get("/api/quality", quality::handle));
  }
}
