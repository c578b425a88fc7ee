package org.patrolmap.model;

/** What a provider does for an area: patrol, 911 police dispatch or records. */
public enum Function implements Coded {
  PATROL,
  DISPATCH,
  RECORDS;

  @Override
  public String toString() {
    return id();
  }
}
