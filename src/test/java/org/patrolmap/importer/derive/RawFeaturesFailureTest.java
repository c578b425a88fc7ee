package org.patrolmap.importer.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.store.WriteFailureTest;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** A layer that cannot be loaded is blamed on its file only when the file is the cause. */
class RawFeaturesFailureTest {
  static final Path SHP = Path.of("shapefiles/cache/tl_2024_29_place.shp");

  @Test
  void aFullDiskWhileLoadingIsReportedAsSuchAndNotAsAPrjProblem() {
    SQLException batch = WriteFailureTest.batchOf(WriteFailureTest.diskFull());
    RuntimeException e = RawFeatures.loadFailure(SHP, batch);
    assertInstanceOf(IllegalStateException.class, e);
    assertFalse(e.getMessage().contains(".prj"), e.getMessage());
    assertTrue(e.getMessage().contains("disk is full"), e.getMessage());
    assertTrue(e.getMessage().contains("tl_2024_29_place.shp"), e.getMessage());
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
  }

  @Test
  void aReprojectionErrorNamesTheFileItsPrjAndTheServersReasonShortly() {
    SQLException batch =
        WriteFailureTest.batchOf(
            new PSQLException(
                new ServerErrorMessage(
                    "SERROR\0VERROR\0CXX000\0Mtransform: latitude or longitude exceeded limits"
                        + " (-14)\0")));
    RuntimeException e = RawFeatures.loadFailure(SHP, batch);
    InputDataException input = assertInstanceOf(InputDataException.class, e);
    assertEquals(SHP, input.file());
    assertTrue(input.problem().contains(".prj"), input.problem());
    assertTrue(input.problem().contains("exceeded limits"), input.problem());
    assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters");
  }
}
