package org.patrolmap.model;

import java.util.List;
import java.util.Optional;

/** Where public corrections are kept until reviewed (the store's {@code correction} table). */
public interface CorrectionStore {
  /**
   * Stores a validated submission as pending; returns its receipt. {@code client} is a fingerprint
   * of the sender's address (never the address); {@code lon}/{@code lat} may be null.
   */
  Correction submit(Correction.Submission s, Double lon, Double lat, long datasetId, String client);

  /** Corrections matching the filter, newest first. */
  List<Correction> list(Filter filter);

  Optional<Correction> get(String id);

  /**
   * Accepts or rejects a pending correction with a note, writing {@code audit} in the same
   * transaction. Empty when no correction has this id; a correction already reviewed is returned
   * unchanged with {@code done} false (the caller answers 409).
   */
  Optional<Reviewed> review(String id, boolean accept, String note, AuditEntry audit);

  /** The correction after a review; {@code done} false when it had been reviewed before. */
  record Reviewed(Correction correction, boolean done) {}

  /**
   * A filter of the review list: each null member matches everything.
   *
   * @param before only corrections received before the one with this id (paging), or null
   * @param limit at most this many
   */
  record Filter(
      String status,
      String areaId,
      String agencyId,
      CorrectionTopic topic,
      String before,
      int limit) {}
}
