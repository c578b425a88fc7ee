package org.patrolmap.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded executor for per-request computation (overlays, and any endpoint whose cost grows
 * with its input): at most {@code workers} tasks run at once and {@code queue} wait; a request that
 * finds both full is answered 503 {@code overloaded} with {@code Retry-After} at once, and a task
 * not finished within the deadline (counted from submission, so queueing counts) is cancelled — its
 * worker is interrupted, and long computations check {@link Thread#isInterrupted()} between steps —
 * and answered 503 {@code deadline_exceeded} with {@code Retry-After}. The request thread waits at
 * most the deadline, so a flood of costly requests can hold a few Jetty threads for seconds but
 * never the pool the lookups need.
 */
public final class ComputePool {
  private final String name;
  private final ThreadPoolExecutor executor;
  private final Duration deadline;

  public ComputePool(String name, int workers, int queue, Duration deadline) {
    this.name = name;
    this.deadline = deadline;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queue)),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.executor.allowCoreThreadTimeOut(true);
  }

  /** The pool the {@link Limits} describe: {@link Limits#COMPUTE_WORKERS} workers, 2 s. */
  public static ComputePool standard(String name) {
    return new ComputePool(
        name, Limits.COMPUTE_WORKERS, Limits.COMPUTE_QUEUE, Limits.COMPUTE_DEADLINE);
  }

  public Duration deadline() {
    return deadline;
  }

  /**
   * Answers 503 at once when every worker is busy and the queue is full: call it before reading a
   * request body, so a refused upload costs no body read (the connection is closed instead).
   */
  public void admit(io.javalin.http.Context ctx) {
    if (executor.getQueue().remainingCapacity() == 0
        && executor.getActiveCount() >= executor.getMaximumPoolSize()) {
      ctx.header("Connection", "close");
      throw full();
    }
  }

  private ApiError full() {
    return busy(
        "overloaded",
        "The server is busy computing other requests; try again shortly",
        Map.of("pool", name, "running", executor.getMaximumPoolSize()));
  }

  /**
   * Runs {@code work} in the pool and returns its result, or throws an {@link ApiError} 503 when
   * the pool is full or the deadline passes. An {@link ApiError} or other runtime exception thrown
   * by the work is rethrown as is (a 4xx stays a 4xx).
   */
  public <T> T run(Callable<T> work) {
    Future<T> f;
    try {
      f = executor.submit(work);
    } catch (RejectedExecutionException e) {
      throw full();
    }
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | CancellationException e) {
      f.cancel(true);
      throw busy(
          "deadline_exceeded",
          "The computation took longer than " + deadline.toMillis() + " ms and was stopped",
          Map.of(
              "pool",
              name,
              "deadline_ms",
              deadline.toMillis(),
              "hint",
              "simplify the input (fewer vertices, parts or holes) or try again later"));
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw busy("overloaded", "The request was interrupted", Map.of("pool", name));
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static ApiError busy(String type, String title, Map<String, Object> details) {
    return new ApiError(503, type, title, details).retryAfter(Limits.RETRY_AFTER_SECONDS);
  }
}
