package org.patrolmap.layers;

/**
 * What the NENA NG9-1-1 layers need from the deployment rather than from the facts.
 *
 * @param discrepancyAgencyId the NENA {@code DiscrpAgID}: domain name of the agency that takes
 *     discrepancy reports (the maintainer); also the agency part of every NGUID. Null: unknown.
 * @param publicUrl the absolute base URL of this server, for {@code AVcard_URI}. Null: unknown.
 */
public record NenaSettings(String discrepancyAgencyId, String publicUrl) {
  /** Nothing configured: the fields that need these stay empty and are reported as gaps. */
  public static final NenaSettings NONE = new NenaSettings(null, null);
}
