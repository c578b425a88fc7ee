package org.patrolmap.model;

/** Where admin actions are recorded (the store's audit table and log). */
public interface AuditTrail {
  /**
   * Records a refused attempt (bad or missing token): logged only, so anonymous requests cannot
   * fill storage.
   */
  void refused(AuditEntry e);

  /**
   * Records an accepted action durably; throws {@link DatabaseUnavailableException} when it cannot.
   */
  void record(AuditEntry e);
}
