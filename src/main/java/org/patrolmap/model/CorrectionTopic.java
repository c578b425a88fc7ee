package org.patrolmap.model;

/**
 * What a public correction is about: who patrols, who dispatches, a contract, or an agency's
 * contact details (phone, address, website).
 */
public enum CorrectionTopic implements Coded {
  PATROL,
  DISPATCH,
  CONTRACT,
  CONTACT;

  /** Whether a proposal on this topic names a provider (and so needs a source). */
  public boolean aboutProvider() {
    return this != CONTACT;
  }

  @Override
  public String toString() {
    return id();
  }
}
