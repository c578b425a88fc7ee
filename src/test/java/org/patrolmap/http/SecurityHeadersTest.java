package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The CSP tile origin, a pure function of the HTTP edge. */
class SecurityHeadersTest {
  @Test
  void tileOriginKeepsSchemeAndHostAndTurnsSubdomainPlaceholdersIntoAWildcard() {
    assertEquals(
        "https://*.tile.example.org",
        SecurityHeaders.tileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
    assertEquals(
        "https://tile.openstreetmap.org",
        SecurityHeaders.tileOrigin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    assertEquals(
        "http://localhost:8080",
        SecurityHeaders.tileOrigin("http://localhost:8080/tiles/{z}/{x}/{y}.png"));
  }
}
