package org.patrolmap.model;

/** No dataset has been imported yet (or the database could not be read at start-up). */
public final class NoDatasetException extends RuntimeException {
  public NoDatasetException(String message) {
    super(message);
  }
}
