package org.patrolmap.geocode;

/** The geocoding service failed ({@code timeout} true when it did not answer in time). */
public final class GeocoderException extends RuntimeException {
  private final boolean timeout;

  public GeocoderException(String message, boolean timeout, Throwable cause) {
    super(message, cause);
    this.timeout = timeout;
  }

  public boolean timeout() {
    return timeout;
  }
}
