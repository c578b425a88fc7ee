package org.patrolmap.attribute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.locationtech.jts.geom.Point;
import org.patrolmap.csv.CsvCell;
import org.patrolmap.csv.CsvOutput;
import org.patrolmap.csv.CsvReader;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.LonLat;
import org.patrolmap.geo.Numbers;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.LookupIndex;

/**
 * Attributes a CSV of points, streaming: one record is read, attributed and written at a time, so
 * memory does not grow with the file. {@link #open} reads and checks the header (a problem there is
 * an {@link InvalidValueException} naming the body or the column parameter, before anything is
 * written); {@link Job#writeTo} then writes the header and every row, each with the {@link
 * Attributor#COLUMNS} added. A row that cannot be read is written with status {@code error} and
 * {@code pm_error} = line, column and reason, and the next row is read.
 */
public final class CsvAttribution {
  /** Header names taken for longitude, latitude and date when no column is given (any case). */
  public static final List<String> LON_NAMES =
      List.of("lon", "lng", "long", "longitude", "x", "point_x");

  public static final List<String> LAT_NAMES = List.of("lat", "latitude", "y", "point_y");

  public static final List<String> DATE_NAMES =
      List.of(
          "date",
          "incident_date",
          "call_date",
          "report_date",
          "occurred_date",
          "event_date",
          "datetime");

  /** The deadline is checked when the rows read so far, masked by this, are 0 (every 128). */
  static final int DEADLINE_EVERY = 127;

  /** Rows between two progress reports. */
  static final int PROGRESS_EVERY = 10_000;

  private CsvAttribution() {}

  /** Reads and checks the header; the rows are read by {@link Job#writeTo}. */
  public static Job open(InputStream in, Attributor attributor, Options opts) {
    try {
      return openOrThrow(in, attributor, opts);
    } catch (IOException e) {
      throw new InvalidValueException(
          "body", "could not be read: " + Numbers.abbreviate(String.valueOf(e.getMessage())));
    }
  }

  private static Job openOrThrow(InputStream in, Attributor attributor, Options opts)
      throws IOException {
    CsvReader reader = new CsvReader(in, opts.maxRecordBytes());
    byte[] head = reader.peek(512);
    for (byte b : head) {
      if (b == 0) {
        throw new InvalidValueException(
            "body", "is not CSV text (binary data); send a CSV with a header row, or GeoJSON");
      }
    }
    reader.detectDelimiter();
    CsvReader.Record header = reader.next();
    if (header == null) {
      throw new InvalidValueException("body", "is empty; send a CSV with a header row");
    }
    if (header.cells().isEmpty()) {
      throw new InvalidValueException("body", "the header row is too long");
    }
    List<String> names = new ArrayList<>();
    for (String c : header.cells()) {
      names.add(c.trim());
    }
    int lon = column(names, "lon_column", opts.lonColumn(), LON_NAMES);
    int lat = column(names, "lat_column", opts.latColumn(), LAT_NAMES);
    int date =
        opts.dateColumn() == null
            ? find(names, DATE_NAMES)
            : column(names, "date_column", opts.dateColumn(), List.of());
    if (lon < 0 || lat < 0) {
      throw new InvalidValueException(
          "body",
          "no "
              + (lon < 0 ? "longitude" : "latitude")
              + " column in the header "
              + Numbers.abbreviate(String.join(",", names))
              + "; name it one of "
              + (lon < 0 ? LON_NAMES : LAT_NAMES)
              + " or give "
              + (lon < 0 ? "lon_column" : "lat_column"));
    }
    return new Job(reader, names, lon, lat, date, attributor, opts);
  }

  private static int column(List<String> names, String param, String given, List<String> known) {
    if (given == null) {
      return find(names, known);
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(given.trim())) {
        return i;
      }
    }
    throw new InvalidValueException(
        param, "no column '" + Numbers.abbreviate(given) + "' in the header");
  }

  private static int find(List<String> names, List<String> known) {
    for (String k : known) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).toLowerCase(Locale.ROOT).equals(k)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** An opened attribution: the header is read, the rows are not yet. */
  public static final class Job {
    private final CsvReader reader;
    private final List<String> header;
    private final int lon;
    private final int lat;
    private final int date;
    private final Attributor attributor;
    private final Options opts;
    private final long defaultDay;
    private final byte[] defaultDateBytes;
    private String lastDateText;
    private LocalDate lastDate;

    /** Every row through the general path (tests compare both paths). */
    boolean slowPathOnly;

    private Job(
        CsvReader reader,
        List<String> header,
        int lon,
        int lat,
        int date,
        Attributor attributor,
        Options opts) {
      this.reader = reader;
      this.header = header;
      this.lon = lon;
      this.lat = lat;
      this.date = date;
      this.attributor = attributor;
      this.opts = opts;
      this.defaultDay = opts.defaultDate().toEpochDay();
      this.defaultDateBytes = opts.defaultDate().toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The header of the input, as read. */
    public List<String> header() {
      return header;
    }

    /** The name of the date column, or null when every row takes the default date. */
    public String dateColumn() {
      return date < 0 ? null : header.get(date);
    }

    /**
     * Writes the attributed CSV to {@code out}. A failure to read the input (a client gone, a body
     * over its limit) ends the output with an error row saying so; a failure to write is thrown.
     */
    public Summary writeTo(OutputStream out, LongConsumer progress) throws IOException {
      CsvOutput w = new CsvOutput(out);
      Summary summary = new Summary();
      RenderedCells rendered = new RenderedCells(attributor);
      List<String> head = new ArrayList<>(header);
      head.addAll(Attributor.COLUMNS);
      w.row(head);
      CsvReader.Plain plain = new CsvReader.Plain();
      long lastLine = 1;
      while (true) {
        CsvReader.Record r = null;
        boolean isPlain;
        try {
          isPlain = reader.nextPlain(plain);
          r = isPlain ? null : reader.next();
        } catch (IOException e) {
          String why = "the input could not be read after line " + lastLine + ": " + reason(e);
          writeStop(w, summary, why);
          break;
        }
        if (!isPlain && r == null) {
          break;
        }
        long line = isPlain ? plain.line() : r.line();
        lastLine = line;
        if (summary.rows() >= opts.maxRows()) {
          writeStop(
              w,
              summary,
              "row limit of "
                  + opts.maxRows()
                  + " rows reached: line "
                  + line
                  + " and after were not read");
          break;
        }
        if ((summary.rows() & DEADLINE_EVERY) == 0
            && System.nanoTime() - opts.deadlineNanos() > 0) {
          writeStop(w, summary, "time limit reached: line " + line + " and after were not read");
          break;
        }
        if (isPlain && !slowPathOnly && writePlain(w, plain, rendered)) {
          summary.countRow();
        } else {
          List<String> row = row(isPlain ? plain.toRecord() : r);
          w.row(row);
          summary.count(
              row.get(header.size() + Attributor.STATUS),
              row.get(header.size() + Attributor.PATROL_AGENCY));
        }
        if (summary.rows() % PROGRESS_EVERY == 0) {
          progress.accept(summary.rows());
        }
      }
      rendered.tally(summary);
      w.flush();
      progress.accept(summary.rows());
      return summary;
    }

    /**
     * Writes a plain row (every cell copied as it came, coordinates and date in their plain forms,
     * the added cells pre-rendered) and returns true; false, having written nothing, for any row
     * the general path must read ({@link #row}), which gives the same bytes for a row this one
     * takes.
     */
    private boolean writePlain(CsvOutput w, CsvReader.Plain p, RenderedCells rendered)
        throws IOException {
      if (p.cells() != header.size()) {
        return false;
      }
      byte[] b = p.bytes();
      double x = Numbers.parsePlain(b, p.start(lon), p.end(lon));
      double y = Numbers.parsePlain(b, p.start(lat), p.end(lat));
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
        return false; // NaN (not plain) included
      }
      long day;
      boolean dateCell = date >= 0 && p.start(date) < p.end(date);
      if (dateCell) {
        day = IsoDate.plainEpochDay(b, p.start(date), p.end(date));
        if (day == Long.MIN_VALUE) {
          return false;
        }
      } else {
        day = defaultDay;
      }
      boolean commas = reader.delimiterByte() != ',';
      for (int i = 0; i < p.cells(); i++) {
        if (!CsvCell.verbatim(b, p.start(i), p.end(i), commas)) {
          return false;
        }
      }
      LookupIndex index = attributor.dataset().index();
      int cell = index.deepAt(x, y);
      int area = cell;
      boolean near = false;
      if (cell == LookupIndex.EXACT) {
        Point pt = Dataset.point(new LonLat(x, y));
        Area a = index.areaAt(pt).orElse(null);
        area = a == null ? LookupIndex.OUTSIDE : index.indexOf(a);
        near = a != null && index.isNear(pt, LookupIndex.NEAR_BOUNDARY_M, a);
      }
      byte[] tail = area < 0 ? rendered.outside() : rendered.cells(area, day, near);
      if (commas) {
        for (int i = 0; i < p.cells(); i++) {
          w.raw(b, p.start(i), p.end(i) - p.start(i));
          w.raw((byte) ',');
        }
      } else {
        w.raw(b, p.start(0), p.end(p.cells() - 1) - p.start(0));
        w.raw((byte) ',');
      }
      if (dateCell) {
        w.raw(b, p.start(date), p.end(date) - p.start(date));
      } else {
        w.raw(defaultDateBytes);
      }
      w.raw(tail);
      return true;
    }

    private List<String> row(CsvReader.Record r) {
      List<String> cells = new ArrayList<>(header.size() + Attributor.COLUMNS.size());
      List<String> in = r.cells();
      for (int i = 0; i < header.size(); i++) {
        cells.add(i < in.size() ? in.get(i) : "");
      }
      String where = "line " + r.line();
      if (in.isEmpty()) {
        cells.addAll(Attributor.error(null, where + ": " + r.problem()));
        return cells;
      }
      for (int i = header.size(); i < in.size(); i++) {
        if (!in.get(i).isBlank()) {
          cells.addAll(
              Attributor.error(
                  null,
                  where
                      + ": "
                      + in.size()
                      + " cells, the header has "
                      + header.size()
                      + " (a separator inside an unquoted cell?)"));
          return cells;
        }
      }
      String dateText = date < 0 ? "" : cells.get(date).trim();
      try {
        LonLat p =
            new LonLat(
                Numbers.parseFinite(header.get(lon), cells.get(lon)),
                Numbers.parseFinite(header.get(lat), cells.get(lat)));
        LocalDate d = dateText.isEmpty() ? opts.defaultDate() : date(dateText);
        if (r.problem() != null && r.problem().startsWith("a quoted cell")) {
          cells.addAll(Attributor.error(d.toString(), where + ": " + r.problem()));
          return cells;
        }
        cells.addAll(
            attributor.attribute(p, d, r.problem() == null ? null : where + ": " + r.problem()));
      } catch (InvalidValueException e) {
        String column =
            e.parameter().equals("lon") || e.parameter().equals("lat")
                ? header.get(e.parameter().equals("lon") ? lon : lat)
                : e.parameter();
        cells.addAll(Attributor.error(null, where + ", column " + column + ": " + e.problem()));
      }
      return cells;
    }

    private LocalDate date(String text) {
      if (!text.equals(lastDateText)) {
        lastDate = IsoDate.parseCell(header.get(date), text);
        lastDateText = text;
      }
      return lastDate;
    }

    private void writeStop(CsvOutput w, Summary summary, String why) throws IOException {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        cells.add("");
      }
      cells.addAll(Attributor.error(null, why));
      w.row(cells);
      summary.stoppedEarly(why);
    }

    private static String reason(IOException e) {
      return e.getMessage() == null
          ? e.getClass().getSimpleName()
          : Numbers.abbreviate(e.getMessage());
    }
  }
}
