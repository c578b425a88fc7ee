package org.patrolmap.importer;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Import progress: a redrawn bar when the output is a terminal, otherwise one line per step (so
 * logs and CI output stay readable).
 */
public final class Progress {
  private final PrintWriter out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private String label = "";
  private long total;
  private long lastDraw;

  Progress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public void step(String name) {
    finishBar();
    label = name;
    total = 0;
    out.printf(Locale.ROOT, "[%7.2fs] %s%n", seconds(), name);
    out.flush();
  }

  public void start(String name, long count) {
    step(name);
    total = count;
  }

  public void update(long done) {
    if (!terminal || total <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int width = 30;
    int filled = (int) (width * done / total);
    out.printf(
        Locale.ROOT,
        "\r  [%s%s] %d/%d %s",
        "#".repeat(filled),
        ".".repeat(width - filled),
        done,
        total,
        label);
    out.flush();
  }

  private void finishBar() {
    if (terminal && total > 0) {
      out.println();
    }
    total = 0;
  }

  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  public void done() {
    finishBar();
  }
}
