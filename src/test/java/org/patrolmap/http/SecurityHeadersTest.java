package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The CSP tile origin and the admin token fingerprint, pure functions of the HTTP edge. */
class SecurityHeadersTest {
  @Test
  void tileOriginKeepsSchemeAndHostAndTurnsSubdomainPlaceholdersIntoAWildcard() {
    assertEquals("https://*.tile.example.org", SecurityHeaders.tileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
    assertEquals("https://tile.openstreetmap.org", SecurityHeaders.tileOrigin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    assertEquals("http://localhost:8080", SecurityHeaders.tileOrigin("http://localhost:8080/tiles/{z}/{x}/{y}.png"));
  }

  @Test
  void adminFingerprintIsTheFirstEightHexDigitsOfTheSha256() {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertEquals("ba7816bf", AdminRoutes.fingerprint("abc"));
  }
}
