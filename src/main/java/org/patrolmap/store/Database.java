package org.patrolmap.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.patrolmap.model.DatabaseUnavailableException;
import org.patrolmap.model.ReadOnlyReplicaException;

/** The PostGIS connection pool and schema migrations. One per process, closed on shutdown. */
public final class Database implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  /** SQLSTATE of "cannot execute ... in a read-only transaction" (e.g. on a hot standby). */
  private static final String READ_ONLY_SQL_TRANSACTION = "25006";

  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
  }

  /**
   * Opens a pool on the URL. {@code poolSize} about 2x cores is right for the DB work here (most
   * requests are served from memory). Does not fail when the database is down: connections are made
   * lazily, so the server can start and report 503 until it is reachable.
   */
  public static Database open(String jdbcUrl, int poolSize) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(jdbcUrl);
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(1);
    hc.setPoolName("patrolmap");
    hc.setConnectionTimeout(3_000);
    hc.setValidationTimeout(2_000);
    hc.setInitializationFailTimeout(-1);
    hc.addDataSourceProperty("connectTimeout", "3");
    hc.addDataSourceProperty("socketTimeout", "120");
    hc.addDataSourceProperty("ApplicationName", "patrolmap");
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new Database(new HikariDataSource(hc));
  }

  /**
   * Applies the Flyway migrations under {@code db/migration}. A hot standby cannot be written:
   * there it throws {@link ReadOnlyReplicaException} saying to migrate (and import) on the primary,
   * whose schema changes reach the standby by replication.
   */
  public void migrate() {
    if (inRecovery()) {
      throw new ReadOnlyReplicaException(
          "the database is a read-only replica (PostgreSQL hot standby): run migrate and import"
              + " against the primary; the standby receives them by replication");
    }
    flyway().migrate();
  }

  /**
   * Prepares the schema for a server: on a primary applies the migrations ({@link #migrate}); on a
   * hot standby, which nothing may write, only validates that the replicated schema matches this
   * version's migrations and logs what is missing (the primary has not been migrated yet). Returns
   * what it did, for the log.
   */
  public String prepareSchemaForServing() {
    if (!inRecovery()) {
      flyway().migrate();
      return "migrated";
    }
    ValidateResult r = flyway().validateWithResult();
    if (!r.validationSuccessful) {
      LOG.warn(
          "hot standby: the replicated schema does not match this version's migrations ({});"
              + " migrate the primary (patrolmap migrate against it)",
          r.errorDetails == null ? r.getAllErrorMessages() : r.errorDetails.errorMessage);
      return "standby: not migrated (validation failed)";
    }
    return "standby: validated, not migrated";
  }

  /**
   * Whether the database is a hot standby ({@code pg_is_in_recovery()}): read-only until promoted.
   */
  public boolean inRecovery() {
    try (Connection c = pool.getConnection();
        var st = c.createStatement()) {
      st.setQueryTimeout(5);
      try (var rs = st.executeQuery("select pg_is_in_recovery()")) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot ask the database for its role", e);
    }
  }

  /**
   * The exception for a failed database call: {@link ReadOnlyReplicaException} when PostgreSQL
   * refused a write because it is a hot standby (SQLSTATE 25006, e.g. a write that raced the role
   * check), else {@link DatabaseUnavailableException}.
   */
  static RuntimeException failure(String message, SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && READ_ONLY_SQL_TRANSACTION.equals(s.getSQLState())) {
        return new ReadOnlyReplicaException(
            message + ": the database is a read-only replica (PostgreSQL hot standby)", e);
      }
    }
    return new DatabaseUnavailableException(message, e);
  }

  private Flyway flyway() {
    return Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** True when a trivial query answers within two seconds. */
  public boolean ping() {
    try (Connection c = pool.getConnection();
        var st = c.createStatement()) {
      st.setQueryTimeout(2);
      return st.execute("select 1");
    } catch (SQLException e) {
      return false;
    }
  }

  public int activeConnections() {
    return pool.getHikariPoolMXBean() == null
        ? 0
        : pool.getHikariPoolMXBean().getActiveConnections();
  }

  public int totalConnections() {
    return pool.getHikariPoolMXBean() == null
        ? 0
        : pool.getHikariPoolMXBean().getTotalConnections();
  }

  @Override
  public void close() {
    pool.close();
  }
}
