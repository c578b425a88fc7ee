package org.patrolmap.model;

import java.util.List;

/**
 * The answer for one function of one area on one date, in one of three states. Known: a cited
 * service, its agency and sources. By rule: no cited row, but a cited general rule decides the
 * provider (e.g. a County patrol contract includes County dispatch) — {@code agency} is the rule's,
 * {@code basis} the service the rule rests on, and the confidence is no higher than medium.
 * Unknown: service and agency null, with the rule that applies when nobody is known (the County
 * ordinance) and its sources, shown as a note, never as a guessed provider.
 */
public record RoleAnswer(
    Function function,
    Service service,
    Agency agency,
    List<Source> sources,
    Rule rule,
    List<Source> ruleSources,
    Service basis) {

  /** Known, by rule or unknown: the {@code status} of the JSON answer. */
  public enum Status implements Coded {
    KNOWN,
    BY_RULE,
    UNKNOWN;

    @Override
    public String toString() {
      return id();
    }
  }

  public RoleAnswer(
      Function function,
      Service service,
      Agency agency,
      List<Source> sources,
      Rule rule,
      List<Source> ruleSources) {
    this(function, service, agency, sources, rule, ruleSources, null);
  }

  public boolean known() {
    return service != null;
  }

  public boolean byRule() {
    return service == null && agency != null && rule != null;
  }

  public Status status() {
    return known() ? Status.KNOWN : byRule() ? Status.BY_RULE : Status.UNKNOWN;
  }

  /**
   * The confidence of the answer: the service's; for a rule the lowest of the rule's, medium and
   * the basis service's; null when unknown.
   */
  public Confidence confidence() {
    if (known()) {
      return service.confidence();
    }
    if (!byRule()) {
      return null;
    }
    Confidence c = rule.confidence() == null ? Confidence.MEDIUM : rule.confidence();
    if (c.compareTo(Confidence.MEDIUM) > 0) {
      c = Confidence.MEDIUM;
    }
    if (basis != null && basis.confidence() != null && basis.confidence().compareTo(c) < 0) {
      c = basis.confidence();
    }
    return c;
  }
}
