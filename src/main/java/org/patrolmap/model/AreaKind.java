package org.patrolmap.model;

/**
 * What an area is: a County municipality, the independent City or a part of unincorporated County.
 */
public enum AreaKind implements Coded {
  MUNICIPALITY,
  INDEPENDENT_CITY,
  UNINCORPORATED;

  @Override
  public String toString() {
    return id();
  }
}
