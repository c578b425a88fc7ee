package org.patrolmap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background imports over HTTP run one at a time and remember their outcome. */
class ImportJobsTest {
  @Test
  void secondStartIsRefusedWhileAnImportRunsAndAllowedAfterwards() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<ImportJobs.Job> ended = new ArrayBlockingQueue<>(4);
    try (ImportJobs jobs =
        new ImportJobs(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return 42;
            })) {
      Optional<ImportJobs.Job> first = jobs.start(ended::add);
      assertTrue(first.isPresent());
      assertEquals("running", first.get().state());
      assertTrue(jobs.start(ended::add).isEmpty(), "one import at a time");
      release.countDown();
      ImportJobs.Job end = ended.poll(10, TimeUnit.SECONDS);
      assertEquals(first.get().id(), end.id());
      assertEquals("succeeded", end.state());
      assertEquals(42L, end.datasetId());
      assertEquals(end, jobs.get(end.id()).orElseThrow());
      assertTrue(jobs.start(ended::add).isPresent(), "a new import once the first has ended");
    }
  }

  @Test
  void failedImportIsRecordedWithItsMessageAndFreesTheSlot() throws Exception {
    BlockingQueue<ImportJobs.Job> ended = new ArrayBlockingQueue<>(4);
    try (ImportJobs jobs =
        new ImportJobs(
            () -> {
              throw new IllegalStateException(
                  "data/services.csv: line 9: 4 fields, the header has 11");
            })) {
      String id = jobs.start(ended::add).orElseThrow().id();
      ImportJobs.Job end = ended.poll(10, TimeUnit.SECONDS);
      assertEquals("failed", end.state());
      assertTrue(end.message().contains("services.csv"));
      assertEquals("failed", jobs.get(id).orElseThrow().state());
      assertTrue(jobs.start(j -> {}).isPresent());
    }
  }
}
