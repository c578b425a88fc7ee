package org.patrolmap.importer.derive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named SQL statements of a resource file under {@code sql/}: each statement follows a line {@code
 * -- name: <id>}; other comment lines are kept as comments. Values are always bound ({@code ?}), in
 * the order the statement's comment gives.
 */
final class Sql {
  private final String resource;
  private final Map<String, String> statements;

  private Sql(String resource, Map<String, String> statements) {
    this.resource = resource;
    this.statements = statements;
  }

  /** Reads {@code /sql/<file>} from the classpath. */
  static Sql load(String file) {
    String resource = "/sql/" + file;
    String text;
    try (InputStream in = Sql.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("-- name:")) {
        if (name != null) {
          out.put(name, sb.toString().strip());
        }
        name = line.substring("-- name:".length()).strip();
        sb.setLength(0);
      } else if (name != null) {
        sb.append(line).append('\n');
      }
    }
    if (name != null) {
      out.put(name, sb.toString().strip());
    }
    return new Sql(resource, Map.copyOf(out));
  }

  /** The statement's text. */
  String text(String name) {
    String s = statements.get(name);
    if (s == null) {
      throw new IllegalStateException(resource + " has no statement '" + name + "'");
    }
    return s;
  }

  /** Prepares the statement on {@code c}. */
  PreparedStatement prepare(Connection c, String name) throws SQLException {
    return c.prepareStatement(text(name));
  }

  /** Runs a statement with the given values bound in order. */
  void execute(Connection c, String name, Object... values) throws SQLException {
    try (PreparedStatement ps = prepare(c, name)) {
      bind(ps, values);
      ps.execute();
    }
  }

  /** Runs a query whose first row's first column is a whole number. */
  long queryLong(Connection c, String name, Object... values) throws SQLException {
    try (PreparedStatement ps = prepare(c, name)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }
}
