package org.patrolmap.geo;

/**
 * A value from outside (a request parameter, a body member) that cannot be accepted. Carries the
 * name of the parameter and a precise problem, which the HTTP side renders as a 400.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String parameter;
  private final String problem;

  public InvalidValueException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
    this.problem = problem;
  }

  public String parameter() {
    return parameter;
  }

  public String problem() {
    return problem;
  }
}
