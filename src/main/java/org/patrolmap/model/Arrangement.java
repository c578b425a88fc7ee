package org.patrolmap.model;

/**
 * How a provider serves an area: its own department, a contract, a cooperative or the County's
 * default service.
 */
public enum Arrangement implements Coded {
  OWN_DEPARTMENT,
  CONTRACT,
  COOPERATIVE,
  COUNTY_DEFAULT;

  @Override
  public String toString() {
    return id();
  }
}
