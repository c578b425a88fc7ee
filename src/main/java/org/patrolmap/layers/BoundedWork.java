package org.patrolmap.layers;

import java.util.concurrent.Callable;

/**
 * Where per-request computation runs: bounded in concurrency and time ({@code http.ComputePool}),
 * or directly in the caller ({@link #DIRECT}, for tools and tests). A runner that refuses work (too
 * busy, deadline passed) throws its own runtime exception, which the caller lets through.
 */
public interface BoundedWork {
  /** Runs {@code work} and returns its result; runtime exceptions of the work are rethrown. */
  <T> T run(Callable<T> work);

  /**
   * Waits for work another request started (a single flight) and returns its result, bounded like
   * {@link #run}: a runner lets only a few requests wait at once, each for at most its deadline, so
   * many requests for one result cannot hold all request threads.
   */
  <T> T await(java.util.concurrent.CompletableFuture<T> flight);

  /** Runs the work in the calling thread, unbounded. */
  BoundedWork DIRECT =
      new BoundedWork() {
        @Override
        public <T> T run(Callable<T> work) {
          try {
            return work.call();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }

        @Override
        public <T> T await(java.util.concurrent.CompletableFuture<T> flight) {
          try {
            return flight.join();
          } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
          }
        }
      };
}
