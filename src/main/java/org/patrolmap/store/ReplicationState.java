package org.patrolmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.concurrent.locks.ReentrantLock;
import org.patrolmap.model.DatabaseRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's role as PostgreSQL reports it: {@code pg_is_in_recovery()} is true on a hot
 * standby (read-only replica) and turns false when it is promoted, so a promoted standby takes
 * writes again without a restart. Asked at most once per {@code ttl}: callers in between get the
 * last answer, and while one thread asks, the others do not wait for it. Logs each change of role.
 */
public final class ReplicationState implements DatabaseRole {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationState.class);

  /**
   * Role and replication lag in one round trip. The lag is 0 when everything received has been
   * replayed (an idle primary does not count as lag), else the time since the last replayed commit.
   */
  private static final String SQL =
      """
      select pg_is_in_recovery(),
             pg_last_xact_replay_timestamp(),
             case when not pg_is_in_recovery() then null
                  when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                  else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 end,
             exists (select 1 from pg_stat_wal_receiver where pid is not null)
      """;

  private final Database db;
  private final long ttlNanos;
  private final ReentrantLock asking = new ReentrantLock();
  private volatile Status last = Status.UNKNOWN;
  private volatile long askedAt;
  private volatile boolean asked;

  public ReplicationState(Database db, java.time.Duration ttl) {
    this.db = db;
    this.ttlNanos = ttl.toNanos();
  }

  @Override
  public Status status() {
    if (asked && System.nanoTime() - askedAt < ttlNanos) {
      return last;
    }
    if (!asking.tryLock()) {
      return last; // another request is asking right now
    }
    try {
      if (!asked || System.nanoTime() - askedAt >= ttlNanos) {
        Status now = ask();
        if (now.role() != last.role() && now.role() != Role.UNKNOWN) {
          LOG.info(
              now.role() == Role.REPLICA
                  ? "the database is a hot standby: read-only replica, writes answer 503"
                  : "the database is a primary: writes allowed");
        }
        // while the database cannot be asked, keep the last known role (writes then fail anyway)
        last = now.role() == Role.UNKNOWN && last.role() != Role.UNKNOWN ? last : now;
        askedAt = System.nanoTime();
        asked = true;
      }
      return last;
    } finally {
      asking.unlock();
    }
  }

  private Status ask() {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setQueryTimeout(2);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return Status.PRIMARY;
        }
        Timestamp replayed = rs.getTimestamp(2);
        double lag = rs.getDouble(3);
        boolean lagKnown = !rs.wasNull();
        return new Status(
            Role.REPLICA,
            replayed == null ? null : replayed.toInstant(),
            lagKnown ? Math.round(lag * 1000) / 1000.0 : null,
            rs.getBoolean(4));
      }
    } catch (SQLException e) {
      return Status.UNKNOWN;
    }
  }
}
