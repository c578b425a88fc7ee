package org.patrolmap.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A correction suggested by the public, as stored: what it is about, what is wrong, the proposed
 * answer and its source, and the review. Nothing in it is served until a maintainer has accepted
 * it, exported it to {@code data/} and imported.
 *
 * @param id the receipt id ({@code c-} and 16 hex digits)
 * @param status {@code pending}, {@code accepted} or {@code rejected}
 * @param lon longitude of the point the suggestion was made from, or null
 * @param datasetId the dataset served when it arrived
 * @param reviewedBy remote address and admin token fingerprint of the reviewer, null while pending
 */
public record Correction(
    String id,
    Instant receivedAt,
    String status,
    Submission submission,
    Double lon,
    Double lat,
    long datasetId,
    Instant reviewedAt,
    String reviewedBy,
    String reviewNote) {

  /** The statuses of a correction. */
  public static final java.util.List<String> STATUSES =
      java.util.List.of("pending", "accepted", "rejected");

  /**
   * What the public sends (validated): area and/or agency, topic, what is wrong, the proposal and
   * its source, when it took effect, and how to reach the sender.
   */
  public record Submission(
      String areaId,
      String agencyId,
      CorrectionTopic topic,
      String problem,
      String proposed,
      String proposedAgencyId,
      Arrangement proposedArrangement,
      String sourceUrl,
      String sourceTitle,
      LocalDate effectiveDate,
      String contactEmail) {}
}
