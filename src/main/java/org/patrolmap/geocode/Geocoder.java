package org.patrolmap.geocode;

import java.util.List;

/** Turns a one-line address into candidate positions. */
public interface Geocoder {
  /**
   * Candidates, best first; empty when nothing matched. Throws {@link GeocoderException} on
   * failure.
   */
  List<Candidate> geocode(String oneLineAddress);
}
