package org.patrolmap.model;

import java.util.List;

/**
 * A rule from the sources: {@code unincorporated} rules give the provider of unincorporated areas;
 * {@code no_patrol_provider} is the cited County ordinance attached to unknown answers.
 */
public record Rule(
    String id,
    String appliesTo,
    Function function,
    String agencyId,
    Arrangement arrangement,
    Confidence confidence,
    String note,
    List<String> sourceIds) {}
