package org.patrolmap.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.patrolmap.model.Dataset;
import org.patrolmap.testing.TinyDataset;

/** Layers for a date not yet cached are built through the bounded runner, and only then. */
class LayerBuildBoundsTest {
  /** Counts the work it runs; refuses all work while {@code refusing}. */
  static final class CountingWork implements BoundedWork {
    final AtomicInteger runs = new AtomicInteger();
    volatile boolean refusing;

    @Override
    public <T> T run(Callable<T> work) {
      if (refusing) {
        throw new IllegalStateException("busy");
      }
      runs.incrementAndGet();
      return BoundedWork.DIRECT.run(work);
    }

    @Override
    public <T> T await(java.util.concurrent.CompletableFuture<T> flight) {
      return BoundedWork.DIRECT.await(flight);
    }
  }

  @Test
  void aNewDateIsBuiltInTheRunnerAndACachedOneWithoutIt() {
    CountingWork work = new CountingWork();
    Layers layers = new Layers(NenaSettings.NONE, work);
    Dataset d = TinyDataset.build();
    Layer first = layers.get(d, "patrol", LocalDate.of(2024, 5, 1));
    assertEquals(1, work.runs.get());
    work.refusing = true; // a cached layer needs no worker
    assertSame(first, layers.get(d, "patrol", LocalDate.of(2024, 5, 1)));
    IllegalStateException busy =
        assertThrows(
            IllegalStateException.class, () -> layers.get(d, "patrol", LocalDate.of(2024, 5, 2)));
    assertEquals("busy", busy.getMessage());
    work.refusing = false; // a refused build is not remembered: the retry builds it
    layers.get(d, "patrol", LocalDate.of(2024, 5, 2));
    assertEquals(2, work.runs.get());
  }

  @Test
  void aNenaLayerBuildsItsSourceFirstEachInItsOwnRun() {
    CountingWork work = new CountingWork();
    Layers layers = new Layers(NenaSettings.NONE, work);
    Dataset d = TinyDataset.build();
    layers.get(d, "nena-police", LocalDate.of(2024, 5, 1));
    assertEquals(2, work.runs.get()); // patrol, then the NENA layer: never one inside the other
    layers.get(d, "patrol", LocalDate.of(2024, 5, 1));
    assertEquals(2, work.runs.get());
  }

  @Test
  void theCacheKeepsWithinItsByteBudgetDroppingTheOldestFirst() {
    Dataset d = TinyDataset.build();
    LocalDate day = LocalDate.of(2000, 1, 1);
    long one = Layers.weight(new Layers().get(d, "contracts", day));
    assertTrue(one > 0);
    CountingWork work = new CountingWork();
    Layers layers = new Layers(NenaSettings.NONE, work, one * 5 / 2); // room for two
    for (int i = 0; i < 10; i++) {
      layers.get(d, "contracts", day.plusDays(i));
      assertTrue(layers.cachedBytes() <= one * 5 / 2, layers.cachedBytes() + " bytes");
    }
    assertEquals(10, work.runs.get());
    layers.get(d, "contracts", day.plusDays(9)); // the newest two are kept
    layers.get(d, "contracts", day.plusDays(8));
    assertEquals(10, work.runs.get());
    layers.get(d, "contracts", day); // the oldest was dropped: built again
    assertEquals(11, work.runs.get());
  }

  @Test
  void aStreamOfOtherDatesDoesNotEvictTodaysLayers() {
    Dataset d = TinyDataset.build();
    LocalDate today = LocalDate.of(2024, 5, 1);
    long one = Layers.weight(new Layers().get(d, "contracts", today));
    CountingWork work = new CountingWork();
    Layers layers = new Layers(NenaSettings.NONE, work, one * 5 / 2).pinning(() -> today);
    Layer mine = layers.get(d, "contracts", today);
    for (int i = 1; i <= 10; i++) {
      layers.get(d, "contracts", today.minusDays(i * 30L)); // an attacker's dates
      assertTrue(layers.cachedBytes() <= one * 5 / 2, layers.cachedBytes() + " bytes");
    }
    int runs = work.runs.get();
    assertSame(mine, layers.get(d, "contracts", today), "today's layer kept");
    assertEquals(runs, work.runs.get(), "and not rebuilt");
    // without pinning the same stream evicts it
    Layers plain = new Layers(NenaSettings.NONE, work, one * 5 / 2);
    Layer first = plain.get(d, "contracts", today);
    for (int i = 1; i <= 10; i++) {
      plain.get(d, "contracts", today.minusDays(i * 30L));
    }
    assertNotSame(first, plain.get(d, "contracts", today));
  }
}
