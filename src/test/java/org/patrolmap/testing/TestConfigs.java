package org.patrolmap.testing;

import java.net.URI;
import org.patrolmap.AppConfig;

/**
 * Variants of the test configuration for ITs that start their own server (own geocoder, admin
 * token, database).
 */
public final class TestConfigs {
  private TestConfigs() {}

  /** {@code c} with another geocoder base URL and admin token (null: admin off). */
  public static AppConfig with(AppConfig c, URI geocoderUrl, String adminToken) {
    return new AppConfig(
        c.port(),
        c.dbUrl(),
        c.dataMirror(),
        c.projectDir(),
        geocoderUrl,
        c.geocoderTimeout(),
        c.tileUrl(),
        c.tileAttribution(),
        c.publicUrl(),
        adminToken,
        c.reloadInterval(),
        c.webDir(),
        c.nenaDiscrepancyAgencyId());
  }

  /** {@code c} with a base-map tile URL (for the CSP). */
  public static AppConfig withTiles(AppConfig c, String tileUrl) {
    return new AppConfig(
        c.port(),
        c.dbUrl(),
        c.dataMirror(),
        c.projectDir(),
        c.geocoderUrl(),
        c.geocoderTimeout(),
        tileUrl,
        c.tileAttribution(),
        c.publicUrl(),
        c.adminToken(),
        c.reloadInterval(),
        c.webDir(),
        c.nenaDiscrepancyAgencyId());
  }
}
