package org.patrolmap.attribute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an attribution did: rows read, by status, rows by patrol agency, and why it stopped early
 * (null when it read the whole input). Counts by agency are bounded by the agencies of the dataset.
 */
public final class Summary {
  private long rows;
  private long ok;
  private long outside;
  private long errors;
  private long patrolUnknown;
  private final Map<String, Long> byPatrol = new TreeMap<>();
  private String stoppedEarly;

  void count(String status, String patrolAgency) {
    rows++;
    tally(status, patrolAgency, 1);
  }

  /** One more row read, its status tallied later ({@link #tally}). */
  void countRow() {
    rows++;
  }

  /** {@code n} rows of one status and patrol agency, already counted by {@link #countRow}. */
  void tally(String status, String patrolAgency, long n) {
    if (n == 0) {
      return;
    }
    switch (status) {
      case Attributor.OK -> {
        ok += n;
        if (patrolAgency.isEmpty()) {
          patrolUnknown += n;
        } else {
          byPatrol.merge(patrolAgency, n, Long::sum);
        }
      }
      case Attributor.OUTSIDE -> outside += n;
      default -> errors += n;
    }
  }

  void stoppedEarly(String why) {
    this.stoppedEarly = why;
  }

  public long rows() {
    return rows;
  }

  public long ok() {
    return ok;
  }

  public long outside() {
    return outside;
  }

  public long errors() {
    return errors;
  }

  public long patrolUnknown() {
    return patrolUnknown;
  }

  public Map<String, Long> byPatrol() {
    return byPatrol;
  }

  public String stoppedEarly() {
    return stoppedEarly;
  }

  /** The summary as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("ok", ok);
    m.put("outside_region", outside);
    m.put("errors", errors);
    m.put("patrol_unknown", patrolUnknown);
    m.put("by_patrol_agency", byPatrol);
    m.put("stopped_early", stoppedEarly);
    return m;
  }
}
