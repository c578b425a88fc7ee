package org.patrolmap.admin;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.patrolmap.http.ApiError;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.AuditTrail;
import org.patrolmap.model.DatabaseRole;

/**
 * The admin token check shared by every {@code /admin} route: {@code Authorization: Bearer
 * <PATROLMAP_ADMIN_TOKEN>}, compared in constant time (SHA-256 of both sides), never logged; a
 * refused attempt goes to the audit logger. Without a configured token admin is off (404). On a
 * read-only replica an authorized call answers 503 {@code read_only_replica}: every admin action,
 * reads included, writes its audit row, and the admin side belongs to the primary.
 */
final class AdminGate {
  private final byte[] tokenDigest;
  private final AuditTrail audit;
  private final DatabaseRole role;

  /** A caller who presented the right token: remote address and token fingerprint. */
  record Caller(String remote, String fingerprint) {
    AuditEntry entry(String action, String target, String outcome) {
      return new AuditEntry(remote, fingerprint, action, target, outcome);
    }
  }

  /** {@code adminToken} null turns admin off. */
  AdminGate(String adminToken, AuditTrail audit, DatabaseRole role) {
    this.tokenDigest = adminToken == null ? null : sha256(adminToken);
    this.audit = audit;
    this.role = role;
  }

  boolean on() {
    return tokenDigest != null;
  }

  /**
   * Checks the bearer token in constant time; 404 when admin is off, 401 (audited) when missing or
   * wrong, then 503 {@code read_only_replica} when the database is a hot standby.
   */
  Caller authorize(Context ctx, String action) {
    if (tokenDigest == null) {
      throw new ApiError(404, "not_found", "No such resource", Map.of("path", ctx.path()));
    }
    String header = ctx.header("Authorization");
    String given =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    String fingerprint = given == null || given.isEmpty() ? "none" : fingerprint(given);
    String remote = ctx.req().getRemoteAddr();
    if (given == null || !MessageDigest.isEqual(sha256(given), tokenDigest)) {
      audit.refused(
          new AuditEntry(
              remote,
              fingerprint,
              action,
              null,
              given == null ? "refused: no bearer token" : "refused: wrong token"));
      ctx.header("WWW-Authenticate", "Bearer realm=\"patrolmap admin\"");
      throw new ApiError(
          401,
          "unauthorized",
          "A valid admin token is required (Authorization: Bearer ...)",
          Map.of());
    }
    role.requireWritable();
    return new Caller(remote, fingerprint);
  }

  /**
   * The first 8 hex digits of the token's SHA-256: identifies a token in the audit log without
   * revealing it.
   */
  static String fingerprint(String token) {
    return HexFormat.of().formatHex(sha256(token)).substring(0, 8);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
