package org.patrolmap.model;

import java.time.Instant;

/**
 * Whether the database this server reads takes writes: a primary does; a PostgreSQL hot standby (a
 * read-only replica fed by streaming replication) does not, until it is promoted. Production: the
 * store asks {@code pg_is_in_recovery()} and keeps the answer for a moment; tests: a fixed role.
 */
public interface DatabaseRole {
  /** What the database is. {@code UNKNOWN} while it cannot be asked (e.g. it is down). */
  enum Role {
    PRIMARY,
    REPLICA,
    UNKNOWN;

    /** The lower-case name shown by {@code /health}. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The role, and on a replica how far behind it is: {@code replayedAt} is the commit time (on the
   * primary) of the last transaction replayed, {@code lagSeconds} the time since then (it also
   * grows while the primary is idle), {@code walReceiver} whether a WAL receiver is connected or
   * connecting to the primary. The replication fields are null on a primary or when unknown.
   */
  record Status(Role role, Instant replayedAt, Double lagSeconds, Boolean walReceiver) {
    public static final Status PRIMARY = new Status(Role.PRIMARY, null, null, null);
    public static final Status UNKNOWN = new Status(Role.UNKNOWN, null, null, null);
  }

  /** A database that is always a primary (handler tests, tools without replication). */
  DatabaseRole ALWAYS_PRIMARY = () -> Status.PRIMARY;

  /** The current status; cheap (answered from a short-lived cache). */
  Status status();

  /**
   * Refuses a write on a replica with {@link ReadOnlyReplicaException}. A primary, or a database
   * whose role is unknown now, passes: a write to a database that is down then fails on its own.
   */
  default void requireWritable() {
    if (status().role() == Role.REPLICA) {
      throw new ReadOnlyReplicaException(
          "the database is a read-only replica (PostgreSQL hot standby)");
    }
  }
}
