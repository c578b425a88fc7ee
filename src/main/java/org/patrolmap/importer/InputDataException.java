package org.patrolmap.importer;

import java.nio.file.Path;

/** An input file that cannot be read: names the file and the problem. Unchecked. */
public final class InputDataException extends RuntimeException {
  private final transient Path file;
  private final String problem;

  public InputDataException(Path file, String problem) {
    this(file, problem, null);
  }

  public InputDataException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
