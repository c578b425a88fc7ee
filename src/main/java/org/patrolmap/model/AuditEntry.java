package org.patrolmap.model;

/**
 * One audited admin action: who (remote address and the token's fingerprint, the first 8 hex digits
 * of its SHA-256, or "none" — never the token), what, on which target, with which outcome.
 */
public record AuditEntry(
    String remote, String tokenFingerprint, String action, String target, String outcome) {
  /** The same entry with another outcome. */
  public AuditEntry withOutcome(String newOutcome) {
    return new AuditEntry(remote, tokenFingerprint, action, target, newOutcome);
  }

  @Override
  public String toString() {
    return "who="
        + remote
        + " token="
        + tokenFingerprint
        + " action="
        + action
        + " target="
        + target
        + " outcome="
        + outcome;
  }
}
