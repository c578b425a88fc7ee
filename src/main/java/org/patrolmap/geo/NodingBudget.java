package org.patrolmap.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.LinearComponentExtracter;
import org.locationtech.jts.noding.BasicSegmentString;
import org.locationtech.jts.noding.MCIndexNoder;
import org.locationtech.jts.noding.SegmentIntersector;
import org.locationtech.jts.noding.SegmentString;

/**
 * A budget of candidate segment pairs for the geometry work of one request. JTS validity, prepared
 * predicates and OverlayNG all find crossings by comparing the envelopes of monotone chains; their
 * cost grows with the number of segment pairs whose envelopes overlap, which for shapes made of
 * long thin spikes, many holes or many parts grows with the square of the vertices (a 2,000-vertex
 * star costs seconds, a 40,000-vertex one minutes) while an ordinary outline of the same size stays
 * near-linear. {@link #spend} counts those pairs first with the same index, without computing any
 * intersection, and stops at the budget: the cost of the real operation is then known to be small
 * before it starts. Counting also checks the thread's interrupt flag, so a cancelled request stops.
 */
public final class NodingBudget {
  /** Thrown when a geometry needs more segment comparisons than the budget allows. */
  public static final class ExceededException extends RuntimeException {
    private final long budget;

    ExceededException(long budget) {
      super("needs more than " + budget + " segment comparisons");
      this.budget = budget;
    }

    public long budget() {
      return budget;
    }
  }

  private final long budget;
  private long remaining;

  public NodingBudget(long pairs) {
    this.budget = pairs;
    this.remaining = pairs;
  }

  /** Pairs still allowed. */
  public long remaining() {
    return remaining;
  }

  /** Counts the candidate pairs among the edges of {@code geoms}; throws when over budget. */
  public void spend(Geometry... geoms) {
    spend(null, geoms);
  }

  /**
   * Counts the candidate pairs among the edges of {@code geoms} that meet {@code clip} (null: all),
   * as OverlayNG sees them after clipping to the envelope; throws when over budget.
   */
  public void spend(Envelope clip, Geometry... geoms) {
    List<SegmentString> segs = new ArrayList<>();
    for (Geometry g : geoms) {
      for (Object o : LinearComponentExtracter.getLines(g)) {
        runs(((LineString) o).getCoordinates(), clip, segs);
      }
    }
    MCIndexNoder noder = new MCIndexNoder();
    noder.setSegmentIntersector(new Counter());
    noder.computeNodes(segs);
  }

  /** The runs of consecutive segments whose envelopes meet {@code clip}. */
  private static void runs(Coordinate[] cs, Envelope clip, List<SegmentString> out) {
    if (clip == null) {
      out.add(new BasicSegmentString(cs, null));
      return;
    }
    int start = -1;
    for (int i = 0; i + 1 < cs.length; i++) {
      boolean in = clip.intersects(cs[i], cs[i + 1]);
      if (in && start < 0) {
        start = i;
      } else if (!in && start >= 0) {
        out.add(new BasicSegmentString(slice(cs, start, i), null));
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(new BasicSegmentString(slice(cs, start, cs.length - 1), null));
    }
  }

  private static Coordinate[] slice(Coordinate[] cs, int from, int to) {
    Coordinate[] s = new Coordinate[to - from + 1];
    System.arraycopy(cs, from, s, 0, s.length);
    return s;
  }

  private final class Counter implements SegmentIntersector {
    @Override
    public void processIntersections(SegmentString a, int i, SegmentString b, int j) {
      if (--remaining < 0) {
        throw new ExceededException(budget);
      }
      if ((remaining & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
        throw new CancellationException("cancelled");
      }
    }

    @Override
    public boolean isDone() {
      return false;
    }
  }
}
