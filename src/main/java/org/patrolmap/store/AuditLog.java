package org.patrolmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of admin actions: one line on the dedicated logger {@code patrolmap.audit} and,
 * for accepted actions, one row in the {@code audit} table. Records who (remote address and token
 * fingerprint — never the token), when and what.
 */
public final class AuditLog implements AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger("patrolmap.audit");
  private final Database db;

  public AuditLog(Database db) {
    this.db = db;
  }

  /**
   * Logs a refused attempt (bad or missing token): logger only, so anonymous requests cannot fill
   * the table.
   */
  @Override
  public void refused(AuditEntry e) {
    LOG.warn("admin refused: {}", e);
  }

  /** Logs and stores an accepted action in its own transaction. */
  @Override
  public void record(AuditEntry e) {
    try (Connection c = db.connection()) {
      insert(c, e);
    } catch (SQLException ex) {
      LOG.warn("admin audit row not stored ({}): {}", ex.getMessage(), e);
      throw Database.failure("cannot write the audit log", ex);
    }
    LOG.info("admin: {}", e);
  }

  /**
   * Stores the row on {@code c} (inside the caller's transaction, so the action and its audit row
   * commit together).
   */
  static void insert(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into audit (remote, token_fp, action, target, outcome) values (?, ?, ?, ?, ?)")) {
      ps.setString(1, e.remote());
      ps.setString(2, e.tokenFingerprint());
      ps.setString(3, e.action());
      ps.setString(4, e.target());
      ps.setString(5, e.outcome());
      ps.execute();
    }
  }

  /** Logs an action stored by someone else's transaction (see {@link SavedFootprints}). */
  static void logged(AuditEntry e) {
    LOG.info("admin: {}", e);
  }
}
