package org.patrolmap.model;

/**
 * How sure a fact is, from the weakest: low (inferred), medium, high; {@code compareTo} follows
 * that order.
 */
public enum Confidence implements Coded {
  LOW,
  MEDIUM,
  HIGH;

  @Override
  public String toString() {
    return id();
  }
}
