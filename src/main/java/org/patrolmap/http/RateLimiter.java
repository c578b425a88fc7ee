package org.patrolmap.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A per-client rate limit (a token bucket per key, e.g. the remote address): {@code burst} requests
 * at once, then one more every {@code period / burst}. Over the limit, {@link #check} throws a 429
 * with {@code Retry-After} (whole seconds until the next request is allowed). Memory is bounded: at
 * most {@code maxClients} buckets are kept; full buckets are forgotten first, and when every kept
 * client is still limited, new clients are refused too (a flood from many addresses cannot grow the
 * map). Thread-safe; the clock is given (nanoseconds) so tests need not sleep.
 */
public final class RateLimiter {
  private final int burst;
  private final double nanosPerToken;
  private final int maxClients;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  public RateLimiter(int burst, Duration period, int maxClients, LongSupplier clock) {
    if (burst < 1 || period.isZero() || period.isNegative() || maxClients < 1) {
      throw new IllegalArgumentException("burst, period and maxClients must be positive");
    }
    this.burst = burst;
    this.nanosPerToken = (double) period.toNanos() / burst;
    this.maxClients = maxClients;
    this.clock = clock;
  }

  /** A limiter on the system's monotonic clock. */
  public RateLimiter(int burst, Duration period, int maxClients) {
    this(burst, period, maxClients, System::nanoTime);
  }

  /** Takes one request from the client's allowance, or throws a 429 with Retry-After. */
  public void check(Context ctx, String key) {
    long wait = acquire(key);
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429,
          "too_many_requests",
          "Too many requests from this address; try again later",
          Map.of("retry_after_seconds", seconds));
    }
  }

  /** Takes a token for {@code key}: 0 when allowed, otherwise nanoseconds until one is free. */
  public synchronized long acquire(String key) {
    long now = clock.getAsLong();
    Bucket b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= maxClients && !forgetFull(now)) {
        return (long) nanosPerToken;
      }
      b = new Bucket(burst, now);
      buckets.put(key, b);
    }
    b.tokens = Math.min(burst, b.tokens + (now - b.at) / nanosPerToken);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - b.tokens) * nanosPerToken);
  }

  /** Drops buckets that have refilled completely (they carry no state); true when room was made. */
  private boolean forgetFull(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      if (b.tokens + (now - b.at) / nanosPerToken >= burst) {
        it.remove();
      }
    }
    return buckets.size() < maxClients;
  }

  /** How many clients are tracked (tests, metrics). */
  public synchronized int clients() {
    return buckets.size();
  }
}
