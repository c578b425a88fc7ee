package org.patrolmap.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/** The PostGIS connection pool and schema migrations. One per process, closed on shutdown. */
public final class Database implements AutoCloseable {
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

  /** Applies the Flyway migrations under {@code db/migration}. */
  public void migrate() {
    Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
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
