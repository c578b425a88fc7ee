package org.patrolmap.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A CSV answer written as bytes into one 64 KiB buffer, handed to the stream only when full (no
 * flush per row): rows of text through {@link CsvCell}'s escaping, and bytes already known to be
 * valid CSV (cells copied from the input, pre-rendered cells) as they are.
 */
public final class CsvOutput {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int n;

  public CsvOutput(OutputStream out) {
    this.out = out;
  }

  /** Bytes that are already CSV. */
  public void raw(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - n) {
      drain();
      if (len > buf.length) {
        out.write(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }

  public void raw(byte[] b) throws IOException {
    raw(b, 0, b.length);
  }

  public void raw(byte b) throws IOException {
    if (n == buf.length) {
      drain();
    }
    buf[n++] = b;
  }

  /** One row of text cells, escaped ({@link CsvCell#esc}), ended by a line feed. */
  public void row(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        raw((byte) ',');
      }
      raw(CsvCell.esc(cells.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    raw((byte) '\n');
  }

  /** Hands what is buffered to the stream and flushes it. */
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (n > 0) {
      out.write(buf, 0, n);
      n = 0;
    }
  }
}
