package org.patrolmap.store;

import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseUnavailableException;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.NoDatasetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the dataset being served and replaces it when an import swaps in a new one. The new dataset
 * (with its lookup index) is built completely before the reference changes, so requests never see a
 * stale-and-new mix or a half-built index. While the database is down, the last loaded dataset
 * keeps answering from memory.
 */
public final class DatasetHolder implements CurrentDataset, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetHolder.class);
  private final DatasetRepository repository;
  private final AtomicReference<Dataset> current = new AtomicReference<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dataset-reload");
            t.setDaemon(true);
            return t;
          });
  private volatile Consumer<Dataset> onSwap = d -> {};

  /** A reload was asked for and failed (database down): the poller retries it. */
  private volatile boolean stale;

  /** The saved-footprint mark ({@link DatasetRepository.Version}) read before the last load. */
  private volatile String footprintsLoaded;

  public DatasetHolder(DatasetRepository repository) {
    this.repository = repository;
  }

  /** Runs {@code listener} (e.g. cache eviction) after each swap. */
  public void onSwap(Consumer<Dataset> listener) {
    this.onSwap = listener;
  }

  @Override
  public Dataset current() {
    Dataset d = current.get();
    if (d == null) {
      throw new NoDatasetException("no dataset has been imported yet: run `patrolmap import`");
    }
    return d;
  }

  @Override
  public boolean hasDataset() {
    return current.get() != null;
  }

  /**
   * Checks for a new dataset once; loads and swaps it in when the id changed, or loads the served
   * one again when saved footprints changed (saved through another server, e.g. on the primary
   * while this one reads a replica).
   */
  public synchronized boolean refresh() {
    DatasetRepository.Version v;
    try {
      v = repository.version();
    } catch (DatabaseUnavailableException e) {
      return false;
    }
    OptionalLong id = v.datasetId();
    Dataset d = current.get();
    boolean sameFootprints = v.savedFootprints().equals(footprintsLoaded);
    if (id.isEmpty() || (d != null && d.id() == id.getAsLong() && !stale && sameFootprints)) {
      return false;
    }
    Dataset next = repository.load(id.getAsLong());
    current.set(next);
    stale = false;
    footprintsLoaded = v.savedFootprints();
    LOG.info(
        "serving dataset {} ({} areas, {} agencies, {} footprints)",
        next.id(),
        next.areas().size(),
        next.agencies().size(),
        next.footprints().size());
    onSwap.accept(next);
    return true;
  }

  /**
   * Loads the served dataset again; when the database cannot be read now, marks it stale so the
   * poller loads it at its next turn (a committed change is then served within seconds, and the
   * caller is not told it failed).
   */
  @Override
  public synchronized void reload() {
    Dataset d = current.get();
    if (d == null) {
      return;
    }
    Dataset next;
    String footprints;
    try {
      footprints = repository.version().savedFootprints();
      next = repository.load(d.id());
    } catch (RuntimeException e) {
      stale = true;
      LOG.warn("reload of dataset {} failed, the poller retries: {}", d.id(), e.getMessage());
      return;
    }
    stale = false;
    footprintsLoaded = footprints;
    current.set(next);
    LOG.info("reloaded dataset {} ({} footprints)", next.id(), next.footprints().size());
    onSwap.accept(next);
  }

  /** Starts the periodic check. */
  public void startPolling(long periodMillis) {
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            LOG.warn("dataset reload failed: {}", e.getMessage());
          }
        },
        periodMillis,
        periodMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
