package org.patrolmap.attribute;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.patrolmap.csv.CsvCell;
import org.patrolmap.model.Area;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.model.Service;

/**
 * The cells {@link Attributor} adds after {@code pm_date}, rendered once as CSV bytes per area and
 * <em>period</em> and then copied into every row that falls there. An area's services start and end
 * on a few dates; between two consecutive such dates every service is either in force on every day
 * or on none, so the answer (patrol, dispatch, contracts) is the same for every row of the period —
 * rendered from {@link Attributor#cells} on one day of it, so the bytes are exactly those of the
 * row-by-row path. Rendered lazily (only the periods met), per attribution; rows are also counted
 * here per rendering and handed to the {@link Summary} at the end.
 */
final class RenderedCells {
  /** One area in one period: its cells, with the near-boundary flag false and true. */
  static final class Period {
    final byte[] far;
    final byte[] near;
    final String patrolAgency;
    long rows;

    Period(byte[] far, byte[] near, String patrolAgency) {
      this.far = far;
      this.near = near;
      this.patrolAgency = patrolAgency;
    }
  }

  private final Attributor attributor;
  private final LookupIndex index;
  private final long[][] breaks;
  private final Period[][] periods;
  private final List<Period> used = new ArrayList<>();
  private final byte[] outside;
  private long outsideRows;

  RenderedCells(Attributor attributor) {
    this.attributor = attributor;
    this.index = attributor.dataset().index();
    int n = attributor.dataset().areas().size();
    this.breaks = new long[n][];
    this.periods = new Period[n][];
    this.outside = tail(Attributor.outside(LocalDate.EPOCH, null));
  }

  /** The cells of a row outside every area (counted). */
  byte[] outside() {
    outsideRows++;
    return outside;
  }

  /** The cells of a row in the area of index {@code area} on day {@code epochDay} (counted). */
  byte[] cells(int area, long epochDay, boolean near) {
    long[] b = breaks[area];
    if (b == null) {
      b = breaks(index.area(area));
      breaks[area] = b;
      periods[area] = new Period[b.length + 1];
    }
    int k = Arrays.binarySearch(b, epochDay);
    k = k >= 0 ? k + 1 : -k - 1; // breaks on or before the day
    Period p = periods[area][k];
    if (p == null) {
      long day = k == 0 ? (b.length == 0 ? epochDay : b[0] - 1) : b[k - 1];
      p = render(index.area(area), LocalDate.ofEpochDay(day));
      periods[area][k] = p;
      used.add(p);
    }
    p.rows++;
    return near ? p.near : p.far;
  }

  /** Hands the rows counted here to the summary. */
  void tally(Summary summary) {
    summary.tally(Attributor.OUTSIDE, "", outsideRows);
    outsideRows = 0;
    for (Period p : used) {
      summary.tally(Attributor.OK, p.patrolAgency, p.rows);
      p.rows = 0;
    }
  }

  private Period render(Area a, LocalDate day) {
    List<String> far = attributor.cells(a, day, false, null);
    List<String> near = attributor.cells(a, day, true, null);
    return new Period(tail(far), tail(near), far.get(Attributor.PATROL_AGENCY));
  }

  /** The days on which one of the area's services starts or ends, in order. */
  private long[] breaks(Area a) {
    TreeSet<Long> days = new TreeSet<>();
    for (Service s : attributor.dataset().history(a.id())) {
      if (s.validFrom() != null) {
        days.add(s.validFrom().toEpochDay());
      }
      if (s.validTo() != null) {
        days.add(s.validTo().toEpochDay());
      }
    }
    return days.stream().mapToLong(Long::longValue).toArray();
  }

  /** The cells after pm_date as CSV: {@code ,status,...,pm_error\n}. */
  private static byte[] tail(List<String> cells) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i < cells.size(); i++) {
      out.writeBytes(new byte[] {','});
      out.writeBytes(CsvCell.esc(cells.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(new byte[] {'\n'});
    return out.toByteArray();
  }
}
