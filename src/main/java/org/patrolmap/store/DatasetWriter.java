package org.patrolmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.patrolmap.json.Json;
import org.patrolmap.model.ReadOnlyReplicaException;

/**
 * The lifecycle of a dataset in PostGIS: one import at a time (an advisory lock), a new dataset row
 * whose content is written in one transaction, then the swap — {@code current_dataset} moves to it
 * in that same transaction, the previous dataset is kept (retired) and older ones are dropped. When
 * writing fails, the transaction rolls back, the row is marked {@code failed} and nothing served
 * changes.
 */
public final class DatasetWriter {
  /** Advisory lock id that serialises imports. */
  private static final long LOCK = 0x7061_7472_6f6cL;

  private final Database db;

  /** Writes the rows of one new dataset on the connection of its transaction. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes everything of dataset {@code datasetId}; returns its counts and report (stored as
     * JSON).
     */
    Written write(Connection c, long datasetId) throws SQLException;
  }

  /**
   * What a dataset holds: {@code counts} (a flat object of numbers, served by /health) and the
   * import {@code report} (stored with the dataset), both JSON text.
   */
  public record Written(String countsJson, String reportJson) {}

  public DatasetWriter(Database db) {
    this.db = db;
  }

  /**
   * Creates a dataset described by {@code inputs} (serialised as JSON), writes its content and
   * swaps it in; returns its id. Throws {@link IllegalStateException} when another import holds the
   * lock, {@link ReadOnlyReplicaException} on a hot standby.
   */
  public long write(Object inputs, Content content) {
    if (db.inRecovery()) {
      throw new ReadOnlyReplicaException(
          "the database is a read-only replica (PostgreSQL hot standby): import into the primary");
    }
    try (Connection c = db.connection()) {
      if (!tryLock(c)) {
        throw new IllegalStateException(
            "another import is running on this database; try again when it ends");
      }
      try {
        long ds = create(c, inputs);
        try {
          c.setAutoCommit(false);
          Written w = content.write(c, ds);
          swap(c, ds, w);
          c.commit();
          return ds;
        } catch (RuntimeException | SQLException e) {
          try {
            c.rollback();
            c.setAutoCommit(true);
            markFailed(c, ds, WriteFailure.describe(e));
          } catch (SQLException | RuntimeException again) {
            e.addSuppressed(again); // e.g. the disk still full: the first failure is the news
          }
          throw e;
        }
      } finally {
        c.setAutoCommit(true);
        unlock(c);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "database error during import: " + WriteFailure.describe(e), e);
    }
  }

  private static long create(Connection c, Object inputs) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("insert into dataset (inputs) values (?::jsonb) returning id")) {
      ps.setString(1, Json.pretty(inputs));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void swap(Connection c, long ds, Written w) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update dataset set status = 'ready', finished_at = now(), counts = ?::jsonb, qa = ?::jsonb where id = ?")) {
      ps.setString(1, w.countsJson());
      ps.setString(2, w.reportJson());
      ps.setLong(3, ds);
      ps.execute();
    }
    long previous = -1;
    try (PreparedStatement ps =
            c.prepareStatement("select dataset_id from current_dataset for update");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        previous = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        insert into current_dataset (singleton, dataset_id) values (true, ?)
        on conflict (singleton) do update set dataset_id = excluded.dataset_id, swapped_at = now()""")) {
      ps.setLong(1, ds);
      ps.execute();
    }
    // Keep the previous dataset (for comparison and rollback); drop older ones and failed attempts.
    try (PreparedStatement ps = c.prepareStatement("delete from dataset where id not in (?, ?)")) {
      ps.setLong(1, ds);
      ps.setLong(2, previous);
      ps.execute();
    }
    try (PreparedStatement ps =
        c.prepareStatement("update dataset set status = 'retired' where id = ?")) {
      ps.setLong(1, previous);
      ps.execute();
    }
  }

  private static void markFailed(Connection c, long ds, String message) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update dataset set status = 'failed', finished_at = now(), message = ? where id = ?")) {
      ps.setString(
          1,
          message == null
              ? "failed"
              : message.length() > 4000 ? message.substring(0, 4000) : message);
      ps.setLong(2, ds);
      ps.execute();
    }
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
      ps.setLong(1, LOCK);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
      ps.setLong(1, LOCK);
      ps.execute();
    }
  }
}
