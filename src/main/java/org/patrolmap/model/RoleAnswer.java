package org.patrolmap.model;

import java.util.List;

/**
 * The answer for one function of one area on one date. Known: the service, its agency and sources.
 * Unknown: service and agency null, with the rule that applies when nobody is known (the County
 * ordinance) and its sources, shown as a note, never as a guessed provider.
 */
public record RoleAnswer(
    Function function,
    Service service,
    Agency agency,
    List<Source> sources,
    Rule rule,
    List<Source> ruleSources) {

  public boolean known() {
    return service != null;
  }
}
