package org.patrolmap.model;

/**
 * What a contact fact is: a phone line of some purpose, a street address, a web site or an
 * accreditation. A city hall line is never a police line: only {@link #NON_EMERGENCY} answers "what
 * number do I call".
 */
public enum ContactKind implements Coded {
  /** The police non-emergency line (possibly answered by the dispatch centre). */
  NON_EMERGENCY,
  /** A station, office or administrative line of the department. */
  STATION,
  /** The department's own dispatch or communications line. */
  DISPATCH,
  /** The city hall line of the town: not a police line. */
  CITY_HALL,
  /** The records room. */
  RECORDS,
  ADDRESS,
  WEBSITE,
  /** An accreditation: value is the body (CALEA, MPCA, MPCCF), validFrom the first award. */
  ACCREDITATION;

  @Override
  public String toString() {
    return id();
  }

  public boolean isPhone() {
    return this == NON_EMERGENCY
        || this == STATION
        || this == DISPATCH
        || this == CITY_HALL
        || this == RECORDS;
  }
}
