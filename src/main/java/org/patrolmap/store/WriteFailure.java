package org.patrolmap.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Says in one short line why writing (an import, a dataset swap) failed, naming the real cause
 * found anywhere in an exception chain — the causes, and for JDBC batches the {@link
 * SQLException#getNextException() next exceptions} — rather than the outermost message, which for a
 * failed batch is the whole batch of SQL with its values (megabytes). The database's SQLSTATE
 * decides: class 53 (insufficient resources: {@code 53100} disk full, {@code 53200} out of memory),
 * class 08 (connection lost), class 57/58 (server shut down, I/O error); an {@link IOException} "No
 * space left on device" is a full disk too. Such failures are {@link #resource resource} failures:
 * not the input's fault, never to be blamed on a file.
 */
public final class WriteFailure {
  /** Longest message returned by {@link #describe}. */
  public static final int MAX_CHARS = 300;

  private static final String NO_SPACE = "no space left on device";

  private WriteFailure() {}

  /** Whether the chain holds a failure of the machine or database rather than of the input. */
  public static boolean resource(Throwable t) {
    for (Throwable x : chain(t)) {
      if (noSpace(x) || resourceState(state(x))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The cause in one line of at most {@link #MAX_CHARS} characters: a full disk or another resource
   * failure by name when there is one, else the innermost database message (its first line).
   */
  public static String describe(Throwable t) {
    List<Throwable> chain = chain(t);
    for (Throwable x : chain) {
      if ("53100".equals(state(x))) {
        return cut(
            "the database server's disk is full (SQLSTATE 53100 disk_full: "
                + firstLine(serverMessage(x))
                + "); free space on the database volume and import again");
      }
    }
    for (Throwable x : chain) {
      if (noSpace(x)) {
        return cut(
            "no space left on device ("
                + firstLine(x.getMessage())
                + "); free disk space and import again");
      }
    }
    for (Throwable x : chain) {
      String s = state(x);
      if (resourceState(s)) {
        return cut(
            "the database could not complete the write (SQLSTATE "
                + s
                + ": "
                + firstLine(serverMessage(x))
                + ")");
      }
    }
    // not a resource failure: the innermost SQL message, else the outermost message
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (chain.get(i) instanceof SQLException e && !(e instanceof java.sql.BatchUpdateException)) {
        return cut(firstLine(serverMessage(e)));
      }
    }
    return cut(firstLine(String.valueOf(t.getMessage())));
  }

  /** The throwable, its causes and JDBC next exceptions, outermost first, each once. */
  static List<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> todo = new ArrayList<>();
    todo.add(t);
    while (!todo.isEmpty() && out.size() < 50) {
      Throwable x = todo.remove(0);
      if (x == null || seen.put(x, true) != null) {
        continue;
      }
      out.add(x);
      todo.add(x.getCause());
      if (x instanceof SQLException e) {
        todo.add(e.getNextException());
      }
    }
    return out;
  }

  private static String state(Throwable x) {
    return x instanceof SQLException e ? e.getSQLState() : null;
  }

  private static boolean resourceState(String s) {
    return s != null
        && (s.startsWith("53") || s.startsWith("08") || s.startsWith("57") || s.startsWith("58"));
  }

  private static boolean noSpace(Throwable x) {
    String m = x.getMessage();
    return m != null && m.toLowerCase(Locale.ROOT).contains(NO_SPACE);
  }

  /**
   * A database message without the batch SQL: PgJDBC's batch message is "Batch entry N {sql} was
   * aborted: {cause}", so only what follows "was aborted:" is kept.
   */
  private static String serverMessage(Throwable x) {
    String m = String.valueOf(x.getMessage());
    int aborted = m.indexOf(" was aborted: ");
    if (aborted >= 0) {
      m = m.substring(aborted + " was aborted: ".length());
      int call = m.indexOf("  Call getNextException");
      if (call >= 0) {
        m = m.substring(0, call);
      }
    }
    return m;
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }

  private static String cut(String m) {
    return m.length() <= MAX_CHARS ? m : m.substring(0, MAX_CHARS - 1) + "…";
  }
}
