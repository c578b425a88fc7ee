package org.patrolmap.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What an import says when writing fails: the exception chains PgJDBC and the JDK really throw for
 * a full disk, fed to {@link WriteFailure}.
 */
public class WriteFailureTest {
  /** The server's answer when a table file cannot grow (PostgreSQL's md.c, SQLSTATE 53100). */
  public static PSQLException diskFull() {
    return new PSQLException(
        new ServerErrorMessage(
            "SERROR\0VERROR\0C53100\0Mcould not extend file \"base/16384/24601.2\": No space"
                + " left on device\0HCheck free disk space.\0Fmd.c\0L471\0Rmdextend\0"));
  }

  /**
   * PgJDBC's batch failure: the batch's SQL with its bound values in the message (megabytes for a
   * batch of polygons), the same SQLSTATE, the server's error as the next exception.
   */
  public static BatchUpdateException batchOf(SQLException server) {
    StringBuilder sql =
        new StringBuilder("Batch entry 0 insert into raw_feature (layer, n, attrs, geom) values (");
    while (sql.length() < 1_500_000) {
      sql.append("'\\\\x0103000020e6100000010000000500000000000000000000000000000000000000',");
    }
    sql.append(") was aborted: ")
        .append(server.getMessage())
        .append("  Call getNextException to see other errors in the batch.");
    BatchUpdateException b =
        new BatchUpdateException(sql.toString(), server.getSQLState(), 0, new int[0], server);
    b.setNextException(server);
    return b;
  }

  @Test
  void aFullDatabaseDiskIsNamedShortlyWithItsSqlState() {
    BatchUpdateException e = batchOf(diskFull());
    String m = WriteFailure.describe(e);
    assertTrue(WriteFailure.resource(e));
    assertTrue(m.contains("disk is full") && m.contains("53100"), m);
    assertTrue(m.contains("could not extend file"), m);
    assertTrue(m.length() <= WriteFailure.MAX_CHARS, m.length() + ": " + m);
    assertFalse(m.contains("insert into"), m);
    assertFalse(m.contains(".prj"), m);
  }

  @Test
  void aFullDiskIsFoundBehindWrappersAndNextExceptions() {
    SQLException outer = new SQLException("batch failed", "XX000");
    outer.setNextException(diskFull());
    RuntimeException wrapped = new IllegalStateException("import failed", outer);
    assertTrue(WriteFailure.resource(wrapped));
    assertTrue(WriteFailure.describe(wrapped).contains("53100"), WriteFailure.describe(wrapped));
  }

  @Test
  void noSpaceLeftOnDeviceFromTheFileSystemIsAFullDisk() {
    IOException io =
        new FileSystemException(
            "/var/cache/patrolmap/tl_2024_29_place.shp", null, "No space left on device");
    RuntimeException e = new UncheckedIOException(new IOException("cannot copy", io));
    String m = WriteFailure.describe(e);
    assertTrue(WriteFailure.resource(e));
    assertTrue(m.startsWith("no space left on device"), m);
    assertTrue(m.contains("tl_2024_29_place.shp"), m);
  }

  @Test
  void aLostConnectionIsAResourceFailureNotTheInputs() {
    SQLException e =
        new SQLException("An I/O error occurred while sending to the backend.", "08006");
    assertTrue(WriteFailure.resource(e));
    assertTrue(WriteFailure.describe(e).contains("08006"), WriteFailure.describe(e));
  }

  @Test
  void aDataErrorKeepsTheServersFirstLineWithoutTheBatchSql() {
    PSQLException transform =
        new PSQLException(
            new ServerErrorMessage(
                "SERROR\0VERROR\0CXX000\0Mtransform: latitude or longitude exceeded limits (-14)\0"));
    BatchUpdateException e = batchOf(transform);
    String m = WriteFailure.describe(e);
    assertFalse(WriteFailure.resource(e));
    assertTrue(m.contains("latitude or longitude exceeded limits"), m);
    assertFalse(m.contains("insert into"), m);
    assertTrue(m.length() <= WriteFailure.MAX_CHARS, m);
  }
}
