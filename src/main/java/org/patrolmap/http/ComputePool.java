package org.patrolmap.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small bounded executor for per-request computation (overlays, layers for a new date, file
 * encodings, CQL2 filters, vector tiles — any endpoint whose cost grows with its input): at most
 * {@code workers} tasks run at once, whatever their kind. Each <em>lane</em> ({@link #lane}) shares
 * those workers and has its own bound on tasks running or waiting and its own deadline: a request
 * that finds its lane full is answered 503 {@code overloaded} with {@code Retry-After} at once, and
 * a task not finished within the deadline (counted from submission, so queueing counts) is
 * cancelled — its worker is interrupted, and long computations check {@link Thread#isInterrupted()}
 * between steps — and answered 503 {@code deadline_exceeded} with {@code Retry-After}. A cancelled
 * task that cannot stop keeps its lane's slot until it ends, so the bound holds on the work, not
 * only on the waiting. The request thread waits at most the deadline, so a flood of costly requests
 * can hold a few Jetty threads for seconds but never the pool the lookups need.
 */
public final class ComputePool implements org.patrolmap.layers.BoundedWork {
  private final String name;
  private final ThreadPoolExecutor executor;
  private final Semaphore slots;

  /** Requests waiting for a result another request computes ({@link #await}). */
  private final Semaphore waiters;

  private final Duration deadline;

  /** A pool of its own {@code workers}, whose first lane admits {@code queue} more waiting. */
  public ComputePool(String name, int workers, int queue, Duration deadline) {
    this(name, executor(name, workers), workers + Math.max(0, queue), deadline);
  }

  private ComputePool(String name, ThreadPoolExecutor executor, int slots, Duration deadline) {
    this.name = name;
    this.executor = executor;
    this.slots = new Semaphore(slots);
    this.waiters = new Semaphore(slots);
    this.deadline = deadline;
  }

  private static ThreadPoolExecutor executor(String name, int workers) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor e =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), // bounded by the lanes' slots
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
    e.allowCoreThreadTimeOut(true);
    return e;
  }

  /** The pool the {@link Limits} describe: {@link Limits#COMPUTE_WORKERS} workers, 2 s. */
  public static ComputePool standard(String name) {
    return new ComputePool(
        name, Limits.COMPUTE_WORKERS, Limits.COMPUTE_QUEUE, Limits.COMPUTE_DEADLINE);
  }

  /**
   * A lane sharing this pool's workers: at most the workers plus {@code queue} of its tasks run or
   * wait at once, each within {@code deadline}.
   */
  public ComputePool lane(String laneName, int queue, Duration laneDeadline) {
    return new ComputePool(
        laneName, executor, executor.getMaximumPoolSize() + Math.max(0, queue), laneDeadline);
  }

  public Duration deadline() {
    return deadline;
  }

  /**
   * Answers 503 at once when the lane is full: call it before reading a request body, so a refused
   * upload costs no body read (the connection is closed instead).
   */
  public void admit(io.javalin.http.Context ctx) {
    if (slots.availablePermits() == 0) {
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
   * the lane is full or the deadline passes. An {@link ApiError} or other runtime exception thrown
   * by the work is rethrown as is (a 4xx stays a 4xx).
   */
  @Override
  public <T> T run(Callable<T> work) {
    if (!slots.tryAcquire()) {
      throw full();
    }
    // the slot is released once: by the task when it ran, or here when it never will
    AtomicBoolean claimed = new AtomicBoolean();
    Future<T> f;
    try {
      f =
          executor.submit(
              () -> {
                if (!claimed.compareAndSet(false, true)) {
                  return null; // cancelled before it started; its slot is already free
                }
                try {
                  return work.call();
                } finally {
                  slots.release();
                }
              });
    } catch (RejectedExecutionException e) {
      slots.release();
      throw full();
    }
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | CancellationException e) {
      cancel(f, claimed);
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
      cancel(f, claimed);
      Thread.currentThread().interrupt();
      throw busy("overloaded", "The request was interrupted", Map.of("pool", name));
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /** The task's own failure, as it was thrown (an unchecked one), else wrapped. */
  private static RuntimeException unwrap(ExecutionException e) {
    Throwable c = e.getCause();
    if (c instanceof RuntimeException r) {
      return r;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(c);
  }

  /**
   * Waits for a result another request is computing (single flight): at most as many requests wait
   * at once as the lane admits tasks, each at most the deadline; beyond, 503 {@code overloaded},
   * and past the deadline 503 {@code deadline_exceeded}, both with {@code Retry-After}. The
   * computation itself goes on for the request that started it.
   */
  @Override
  public <T> T await(java.util.concurrent.CompletableFuture<T> flight) {
    boolean waiting = !flight.isDone();
    if (waiting && !waiters.tryAcquire()) {
      throw full();
    }
    try {
      return flight.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw busy(
          "deadline_exceeded",
          "The result was not ready within " + deadline.toMillis() + " ms",
          Map.of("pool", name, "deadline_ms", deadline.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy("overloaded", "The request was interrupted", Map.of("pool", name));
    } catch (ExecutionException e) {
      throw unwrap(e);
    } finally {
      if (waiting) {
        waiters.release();
      }
    }
  }

  private void cancel(Future<?> f, AtomicBoolean claimed) {
    f.cancel(true);
    if (claimed.compareAndSet(false, true)) {
      slots.release(); // it never started and never will
      executor.remove((Runnable) f);
    }
  }

  private static ApiError busy(String type, String title, Map<String, Object> details) {
    return new ApiError(503, type, title, details).retryAfter(Limits.RETRY_AFTER_SECONDS);
  }
}
