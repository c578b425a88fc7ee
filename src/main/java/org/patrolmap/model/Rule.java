package org.patrolmap.model;

import java.util.List;

/**
 * A rule from the sources: {@code unincorporated} rules give the provider of unincorporated areas;
 * {@code county_patrol_contract} gives a function's provider where a municipality has a patrol
 * contract with the County police (the agency of the unincorporated patrol rule) and no cited row
 * (answered "by rule"); {@code no_patrol_provider} is the cited County ordinance attached to
 * unknown answers.
 */
public record Rule(
    String id,
    String appliesTo,
    Function function,
    String agencyId,
    Arrangement arrangement,
    Confidence confidence,
    String note,
    List<String> sourceIds) {

  /** {@code applies_to} of a rule that follows a St. Louis County Police patrol contract. */
  public static final String COUNTY_PATROL_CONTRACT = "county_patrol_contract";
}
