package org.patrolmap.model;

/** The database cannot be reached; the HTTP side answers 503 with Retry-After. */
public final class DatabaseUnavailableException extends RuntimeException {
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
