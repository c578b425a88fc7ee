package org.patrolmap.model;

/**
 * A write was asked of a read-only replica (the database is a PostgreSQL hot standby): the HTTP
 * side answers 503 {@code read_only_replica} with Retry-After, and says writes go to the primary.
 */
public final class ReadOnlyReplicaException extends RuntimeException {
  public ReadOnlyReplicaException(String message) {
    super(message);
  }

  public ReadOnlyReplicaException(String message, Throwable cause) {
    super(message, cause);
  }
}
