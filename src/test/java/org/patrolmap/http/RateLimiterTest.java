package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client token bucket, on a hand-moved clock. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @Test
  void aBurstIsAllowedThenTheNextWaitsForOneRefill() {
    RateLimiter l = new RateLimiter(3, Duration.ofSeconds(60), 100, now::get);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, l.acquire("a"));
    }
    long wait = l.acquire("a");
    assertEquals(20 * SECOND, wait, SECOND / 1000.0, "one token every 60 s / 3");
    assertEquals(0, l.acquire("b"), "another client has its own allowance");
    now.addAndGet(20 * SECOND);
    assertEquals(0, l.acquire("a"));
    assertTrue(l.acquire("a") > 0);
  }

  @Test
  void trackedClientsAreBoundedAndFullBucketsAreForgotten() {
    RateLimiter l = new RateLimiter(1, Duration.ofSeconds(10), 2, now::get);
    assertEquals(0, l.acquire("a"));
    assertEquals(0, l.acquire("b"));
    assertTrue(l.acquire("c") > 0, "a third client is refused while both others are limited");
    assertEquals(2, l.clients());
    now.addAndGet(10 * SECOND);
    assertEquals(0, l.acquire("c"), "refilled buckets make room");
    assertTrue(l.clients() <= 2);
  }
}
