package org.patrolmap.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports triggered over HTTP in the background, one at a time: {@link #start} refuses while
 * one runs. Remembers the last jobs' outcomes for {@code GET /admin/import/{job}}.
 */
public final class ImportJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
  private static final int KEEP = 20;

  /**
   * One job: id, state ({@code running}, {@code succeeded}, {@code failed}), the new dataset id or
   * the error.
   */
  public record Job(
      String id,
      String state,
      Instant startedAt,
      Instant finishedAt,
      Long datasetId,
      String message) {
    Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("state", state);
      m.put("started_at", startedAt);
      m.put("finished_at", finishedAt);
      m.put("dataset_id", datasetId);
      m.put("message", message);
      return m;
    }
  }

  private final LongSupplier importer;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "admin-import");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, Job> jobs =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> e) {
          return size() > KEEP;
        }
      };
  private Job running;

  /** {@code importer} runs one whole import and returns the new dataset id, or throws. */
  public ImportJobs(LongSupplier importer) {
    this.importer = importer;
  }

  /**
   * Starts an import unless one is running; {@code onEnd} is told the finished job (for the audit
   * log). Returns the new job, or empty when one is already running.
   */
  public synchronized Optional<Job> start(Consumer<Job> onEnd) {
    if (running != null) {
      return Optional.empty();
    }
    String id =
        "import-" + seq.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    Job job = new Job(id, "running", Instant.now(), null, null, null);
    running = job;
    jobs.put(id, job);
    worker.execute(
        () -> {
          Job end;
          try {
            long ds = importer.getAsLong();
            end = new Job(id, "succeeded", job.startedAt(), Instant.now(), ds, null);
          } catch (RuntimeException e) {
            LOG.warn("import job {} failed: {}", id, e.getMessage());
            end = new Job(id, "failed", job.startedAt(), Instant.now(), null, e.getMessage());
          }
          finish(end);
          try {
            onEnd.accept(end);
          } catch (RuntimeException e) {
            LOG.warn(
                "import job {} ended ({}) but its audit entry failed: {}",
                id,
                end.state(),
                e.getMessage());
          }
        });
    return Optional.of(job);
  }

  private synchronized void finish(Job end) {
    jobs.put(end.id(), end);
    running = null;
  }

  public synchronized Optional<Job> get(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
