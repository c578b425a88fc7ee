package org.patrolmap.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming RFC 4180 reader over bytes: one record at a time, in memory bounded by {@code
 * maxRecordBytes}, whatever the size of the input. It knows the physical line each record starts
 * on, skips a UTF-8 byte order mark, takes {@code \n}, {@code \r\n} and {@code \r} as line ends and
 * line breaks inside quoted cells, and decodes each cell as UTF-8, or as Windows-1252 when the
 * bytes are not UTF-8 (the record then says so). A record longer than the bound is skipped to its
 * end and returned with a problem and no cells, so one 10 MB line costs no memory and the next
 * record is read normally.
 */
public final class CsvReader {
  /** One record: the physical line it starts on, its cells, and a problem (null when none). */
  public record Record(long line, List<String> cells, String problem) {}

  /**
   * A plain record, read in place by {@link #nextPlain}: printable ASCII only, no quotes, on one
   * line. Its cells are ranges of {@link #bytes}, valid until the next read.
   */
  public static final class Plain {
    private byte[] bytes;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;
    private long line;

    public byte[] bytes() {
      return bytes;
    }

    public int cells() {
      return count;
    }

    public int start(int cell) {
      return starts[cell];
    }

    public int end(int cell) {
      return ends[cell];
    }

    public long line() {
      return line;
    }

    /** The cells as text, as {@link #next} would have read them. */
    public Record toRecord() {
      List<String> cells = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        cells.add(new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1));
      }
      return new Record(line, cells, null);
    }

    private void cell(int at, int start, int end) {
      if (at == starts.length) {
        starts = Arrays.copyOf(starts, at * 2);
        ends = Arrays.copyOf(ends, at * 2);
      }
      starts[at] = start;
      ends[at] = end;
    }
  }

  private static final Charset CP1252 = Charset.forName("windows-1252");

  /** The problem of a record whose bytes are not UTF-8 (its cells were read as Windows-1252). */
  public static final String NOT_UTF8 = "not UTF-8; read as Windows-1252";

  private final InputStream in;
  private final int maxRecordBytes;
  private final byte[] buf = new byte[1 << 16];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;
  private byte delimiter = ',';
  private byte[] cell = new byte[256];
  private int cellLen;
  private int recordBytes;
  private boolean notUtf8;
  private IOException failure;

  public CsvReader(InputStream in, int maxRecordBytes) throws IOException {
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
    // The whole first block (for peek and the delimiter), or what came before the input failed:
    // then those bytes are read first and the failure is thrown when more are needed.
    try {
      while (limit < buf.length) {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          eof = true;
          break;
        }
        limit += n;
      }
    } catch (IOException e) {
      if (limit == 0) {
        throw e;
      }
      failure = e;
    }
    if (limit - pos >= 3
        && (buf[pos] & 0xff) == 0xEF
        && (buf[pos + 1] & 0xff) == 0xBB
        && (buf[pos + 2] & 0xff) == 0xBF) {
      pos += 3;
    }
  }

  /** The cell separator: comma by default; {@link #detectDelimiter} may choose another. */
  public void delimiter(byte d) {
    this.delimiter = d;
  }

  /**
   * Chooses the separator of the first line among comma, semicolon and tab (the most frequent
   * outside quotes; comma on a tie), from the bytes already buffered.
   */
  public byte detectDelimiter() {
    int comma = 0;
    int semi = 0;
    int tab = 0;
    boolean quoted = false;
    for (int i = pos; i < limit; i++) {
      byte b = buf[i];
      if (b == '"') {
        quoted = !quoted;
      } else if (!quoted && (b == '\n' || b == '\r')) {
        break;
      } else if (!quoted) {
        comma += b == ',' ? 1 : 0;
        semi += b == ';' ? 1 : 0;
        tab += b == '\t' ? 1 : 0;
      }
    }
    if (semi > comma && semi >= tab) {
      delimiter = ';';
    } else if (tab > comma && tab > semi) {
      delimiter = '\t';
    } else {
      delimiter = ',';
    }
    return delimiter;
  }

  /** The cell separator in use. */
  public byte delimiterByte() {
    return delimiter;
  }

  /** The first bytes of the input, for recognising what it is (e.g. binary data), not consumed. */
  public byte[] peek(int n) {
    return Arrays.copyOfRange(buf, pos, Math.min(limit, pos + n));
  }

  /** The next record, or null at the end of the input. Blank lines are skipped. */
  public Record next() throws IOException {
    while (true) {
      int b = read();
      if (b < 0) {
        return null;
      }
      if (b == '\n') {
        line++;
        continue;
      }
      if (b == '\r') {
        if (peekByte() == '\n') {
          pos++;
        }
        line++;
        continue;
      }
      return record(b);
    }
  }

  /**
   * Reads the next record in place when it is plain — printable ASCII (and the separator) only, no
   * quote, no longer than the buffer or the record bound — and returns true; otherwise (and at the
   * end of the input) consumes nothing but blank lines and returns false, and {@link #next} reads
   * it. Both read the same cells and count lines alike.
   */
  public boolean nextPlain(Plain p) throws IOException {
    while (true) { // blank lines, as next() skips them
      if (pos == limit && !fill()) {
        return false;
      }
      byte b = buf[pos];
      if (b == '\n') {
        pos++;
        line++;
      } else if (b == '\r') {
        if (pos + 1 == limit) {
          return false; // a \r\n may straddle two blocks: next() knows how
        }
        pos += buf[pos + 1] == '\n' ? 2 : 1;
        line++;
      } else {
        break;
      }
    }
    scan:
    while (true) {
      int n = 0;
      int cellStart = pos;
      for (int i = pos; ; i++) {
        if (i == limit) {
          if (i - pos + 1 > maxRecordBytes) {
            return false; // longer than the bound: next() skips it
          }
          int before = pos;
          if (more() || pos != before) {
            continue scan; // the block moved or grew: scan the record again from its start
          }
          if (!eof) {
            return false; // longer than the buffer: next() reads it
          }
          p.cell(n++, cellStart, i); // the last record, without a line end
          finish(p, n, i, false);
          return true;
        }
        byte b = buf[i];
        if (b == delimiter) {
          p.cell(n++, cellStart, i);
          cellStart = i + 1;
        } else if (b == '\n' || b == '\r') {
          if (b == '\r' && i + 1 == limit && !eof) {
            int before = pos;
            if (!more() && pos == before) {
              return false;
            }
            continue scan;
          }
          if (i - pos + 1 > maxRecordBytes) {
            return false;
          }
          p.cell(n++, cellStart, i);
          int next = b == '\r' && i + 1 < limit && buf[i + 1] == '\n' ? i + 2 : i + 1;
          finish(p, n, next, true);
          return true;
        } else if (b < 0x20 || b == '"' || b == 0x7f) { // also every byte >= 0x80 (negative)
          return false;
        }
      }
    }
  }

  private void finish(Plain p, int n, int next, boolean lineEnd) {
    p.bytes = buf;
    p.count = n;
    p.line = line;
    pos = next;
    if (lineEnd) {
      line++;
    }
  }

  /**
   * Moves the unread bytes to the start of the buffer and reads more after them; false at the end
   * of the input or when the buffer is full.
   */
  private boolean more() throws IOException {
    rethrowFailure();
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      return false;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  private Record record(int first) throws IOException {
    long start = line;
    List<String> cells = new ArrayList<>();
    cellLen = 0;
    recordBytes = 0;
    notUtf8 = false;
    boolean inQuotes = false;
    boolean quotedCell = false;
    String problem = null;
    int b = first;
    while (true) {
      if (b < 0) {
        if (inQuotes) {
          problem = "a quoted cell is not closed before the end of the input";
        }
        cells.add(cellText());
        break;
      }
      if (inQuotes) {
        if (b == '"') {
          if (peekByte() == '"') {
            pos++;
            append('"');
          } else {
            inQuotes = false;
          }
        } else {
          if (b == '\n' || (b == '\r' && peekByte() != '\n')) {
            line++;
          }
          append(b);
        }
      } else if (b == delimiter) {
        cells.add(cellText());
        quotedCell = false;
      } else if (b == '\n') {
        line++;
        cells.add(cellText());
        break;
      } else if (b == '\r') {
        if (peekByte() == '\n') {
          pos++;
        }
        line++;
        cells.add(cellText());
        break;
      } else if (b == '"' && cellLen == 0 && !quotedCell) {
        inQuotes = true;
        quotedCell = true;
      } else {
        append(b);
      }
      b = read();
    }
    if (recordBytes > maxRecordBytes) {
      return new Record(
          start, List.of(), "the row is longer than " + maxRecordBytes + " bytes; skipped");
    }
    if (problem == null && notUtf8) {
      problem = NOT_UTF8;
    }
    return new Record(start, cells, problem);
  }

  private void append(int b) {
    recordBytes++;
    if (recordBytes > maxRecordBytes) {
      return; // keep scanning to the end of the record without keeping its bytes
    }
    if (cellLen == cell.length) {
      cell = Arrays.copyOf(cell, Math.min(cell.length * 2, maxRecordBytes + 1));
    }
    cell[cellLen++] = (byte) b;
  }

  private String cellText() {
    recordBytes++; // the separator counts towards the record's length
    int n = cellLen;
    cellLen = 0;
    if (recordBytes > maxRecordBytes) {
      return "";
    }
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (cell[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(cell, 0, n, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer cb = utf8.reset().decode(ByteBuffer.wrap(cell, 0, n));
      return cb.toString();
    } catch (CharacterCodingException e) {
      notUtf8 = true;
      return new String(cell, 0, n, CP1252);
    }
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  private int peekByte() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  /** A read failure met while reading ahead, thrown where the caller next reads. */
  private void rethrowFailure() throws IOException {
    if (failure != null) {
      IOException e = failure;
      failure = null;
      throw e;
    }
  }

  private boolean fill() throws IOException {
    rethrowFailure();
    if (eof) {
      return false;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      // read() blocks until at least one byte is there, so 0 only for an empty buffer
      eof = n < 0;
      pos = 0;
      limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
