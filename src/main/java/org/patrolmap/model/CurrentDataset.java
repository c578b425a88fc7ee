package org.patrolmap.model;

/**
 * The dataset being served, as the request side sees it. Production: the store's poller, which
 * swaps in each newly imported dataset; tests: a fixed in-memory dataset.
 */
public interface CurrentDataset {
  /** The dataset being served; throws {@link NoDatasetException} when none is loaded yet. */
  Dataset current();

  /** Whether a dataset is loaded. */
  boolean hasDataset();

  /**
   * Loads the served dataset again (same id) and swaps it in, e.g. after an admin saved a
   * footprint. Never fails a committed change: when the database cannot be read now, the production
   * holder retries at its next poll.
   */
  void reload();
}
