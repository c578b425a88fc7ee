package org.patrolmap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The admin token fingerprint written to the audit log. */
class TokenFingerprintTest {
  @Test
  void adminFingerprintIsTheFirstEightHexDigitsOfTheSha256() {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertEquals("ba7816bf", AdminRoutes.fingerprint("abc"));
  }
}
