package org.patrolmap.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.patrolmap.geocode.Candidate;
import org.patrolmap.geocode.Geocoder;
import org.patrolmap.geocode.GeocoderException;

/**
 * A {@link Geocoder} for tests without a network: answers every address with fixed candidates (or
 * fails as told) and remembers the queries it was asked.
 */
public final class FakeGeocoder implements Geocoder {
  private final List<Candidate> answer;
  private final GeocoderException failure;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());

  private FakeGeocoder(List<Candidate> answer, GeocoderException failure) {
    this.answer = answer;
    this.failure = failure;
  }

  /** Answers every query with these candidates. */
  public static FakeGeocoder answering(Candidate... candidates) {
    return new FakeGeocoder(List.of(candidates), null);
  }

  /** Fails every query, as a timeout when {@code timeout}. */
  public static FakeGeocoder failing(boolean timeout) {
    return new FakeGeocoder(
        List.of(),
        new GeocoderException(
            timeout ? "no answer in time (test)" : "refused (test)", timeout, null));
  }

  @Override
  public List<Candidate> geocode(String oneLineAddress) {
    queries.add(oneLineAddress);
    if (failure != null) {
      throw failure;
    }
    return answer;
  }

  /** The addresses asked so far, in order. */
  public List<String> queries() {
    return List.copyOf(queries);
  }
}
