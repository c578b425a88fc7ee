package org.patrolmap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of patrolmap as one immutable, validated value. Built once from CLI
 * flags, then environment variables {@code PATROLMAP_*}, then defaults, and passed through
 * constructors.
 *
 * @param port HTTP port of {@code serve}
 * @param dbUrl JDBC URL of the PostGIS database
 * @param dataMirror local folder holding the inputs (offline work, CI); null to download
 * @param projectDir folder holding {@code shapefiles/} and {@code data/}
 * @param geocoderUrl base URL of the US Census geocoder (or a compatible test server)
 * @param geocoderTimeout time limit of one geocoder call
 * @param tileUrl base map tile URL template, null for no base map (offline)
 * @param tileAttribution attribution shown with the tiles
 * @param publicUrl absolute base URL used in OGC links; null to derive it from each request
 * @param adminToken token required by admin endpoints; null disables them
 * @param reloadInterval how often {@code serve} checks for a newly imported dataset
 * @param webDir folder to serve the web map from instead of the copy packaged in the jar
 *     (development); null serves the packaged one
 * @param nenaDiscrepancyAgencyId the NENA {@code DiscrpAgID} of the NG9-1-1 layers: the domain name
 *     of the agency that takes discrepancy reports about them (the deployment's maintainer), also
 *     the agency part of their NGUIDs; null leaves both empty and listed as gaps
 */
public record AppConfig(
    int port,
    String dbUrl,
    Path dataMirror,
    Path projectDir,
    URI geocoderUrl,
    Duration geocoderTimeout,
    String tileUrl,
    String tileAttribution,
    String publicUrl,
    String adminToken,
    Duration reloadInterval,
    Path webDir,
    String nenaDiscrepancyAgencyId) {

  /** The settings, their environment names and defaults; documented in README's table. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("PORT", "7070");
    d.put("DB_URL", "jdbc:postgresql://127.0.0.1:55432/patrolmap?user=postgres");
    d.put("DATA_MIRROR", "");
    d.put("PROJECT_DIR", ".");
    d.put("GEOCODER_URL", "https://geocoding.geo.census.gov/geocoder");
    d.put("GEOCODER_TIMEOUT_MS", "5000");
    d.put("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    d.put("TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors");
    d.put("PUBLIC_URL", "");
    d.put("ADMIN_TOKEN", "");
    d.put("RELOAD_SECONDS", "2");
    d.put("WEB_DIR", "");
    d.put("NENA_DISCREPANCY_AGENCY_ID", "");
    return Map.copyOf(d);
  }

  public AppConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PATROLMAP_PORT must be 0-65535, got " + port);
    }
    if (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("PATROLMAP_DB_URL must be a jdbc:postgresql: URL");
    }
    if (geocoderTimeout.isNegative() || geocoderTimeout.isZero()) {
      throw new IllegalArgumentException("PATROLMAP_GEOCODER_TIMEOUT_MS must be positive");
    }
    if (webDir != null && !java.nio.file.Files.isDirectory(webDir)) {
      throw new IllegalArgumentException("PATROLMAP_WEB_DIR must be a folder, got " + webDir);
    }
    if (adminToken != null && adminToken.length() < 16) {
      throw new IllegalArgumentException("PATROLMAP_ADMIN_TOKEN must be at least 16 characters");
    }
    if (nenaDiscrepancyAgencyId != null
        && !nenaDiscrepancyAgencyId.matches(
            "(?i)(?=.{1,100}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
      throw new IllegalArgumentException(
          "PATROLMAP_NENA_DISCREPANCY_AGENCY_ID must be a domain name (NENA Agency Identifier) of at"
              + " most 100 characters, got '"
              + nenaDiscrepancyAgencyId
              + "'");
    }
  }

  /**
   * Builds the config: a flag (key as in {@link #DEFAULTS}) wins over {@code PATROLMAP_<key>} in
   * the environment, which wins over the default.
   */
  public static AppConfig from(Map<String, String> flags, Map<String, String> env) {
    java.util.function.Function<String, String> get =
        key ->
            Optional.ofNullable(flags.get(key))
                .or(() -> Optional.ofNullable(env.get("PATROLMAP_" + key)))
                .orElse(DEFAULTS.get(key))
                .trim();
    return new AppConfig(
        parseInt("PATROLMAP_PORT", get.apply("PORT")),
        get.apply("DB_URL"),
        blankToNull(get.apply("DATA_MIRROR")) == null ? null : Path.of(get.apply("DATA_MIRROR")),
        Path.of(get.apply("PROJECT_DIR")).toAbsolutePath().normalize(),
        URI.create(stripSlash(get.apply("GEOCODER_URL"))),
        Duration.ofMillis(
            parseInt("PATROLMAP_GEOCODER_TIMEOUT_MS", get.apply("GEOCODER_TIMEOUT_MS"))),
        blankToNull(get.apply("TILE_URL")),
        get.apply("TILE_ATTRIBUTION"),
        blankToNull(stripSlash(get.apply("PUBLIC_URL"))),
        blankToNull(get.apply("ADMIN_TOKEN")),
        Duration.ofSeconds(parseInt("PATROLMAP_RELOAD_SECONDS", get.apply("RELOAD_SECONDS"))),
        blankToNull(get.apply("WEB_DIR")) == null
            ? null
            : Path.of(get.apply("WEB_DIR")).toAbsolutePath().normalize(),
        blankToNull(get.apply("NENA_DISCREPANCY_AGENCY_ID")));
  }

  public Path shapefilesDir() {
    return projectDir.resolve("shapefiles");
  }

  public Path cacheDir() {
    return shapefilesDir().resolve("cache");
  }

  public Path dataDir() {
    return projectDir.resolve("data");
  }

  /** Same config with another database (tests, benchmarks). */
  public AppConfig withDbUrl(String url) {
    return new AppConfig(
        port,
        url,
        dataMirror,
        projectDir,
        geocoderUrl,
        geocoderTimeout,
        tileUrl,
        tileAttribution,
        publicUrl,
        adminToken,
        reloadInterval,
        webDir,
        nenaDiscrepancyAgencyId);
  }

  /** Same config on another port (tests: 0 picks a free port). */
  public AppConfig withPort(int p) {
    return new AppConfig(
        p,
        dbUrl,
        dataMirror,
        projectDir,
        geocoderUrl,
        geocoderTimeout,
        tileUrl,
        tileAttribution,
        publicUrl,
        adminToken,
        reloadInterval,
        webDir,
        nenaDiscrepancyAgencyId);
  }

  /** Same config with another NENA discrepancy agency (tests). */
  public AppConfig withNenaDiscrepancyAgencyId(String agencyId) {
    return new AppConfig(
        port,
        dbUrl,
        dataMirror,
        projectDir,
        geocoderUrl,
        geocoderTimeout,
        tileUrl,
        tileAttribution,
        publicUrl,
        adminToken,
        reloadInterval,
        webDir,
        agencyId);
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'", e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "AppConfig[port="
        + port
        + ", dbUrl="
        + dbUrl.replaceAll("password=[^&]*", "password=***")
        + ", dataMirror="
        + dataMirror
        + ", projectDir="
        + projectDir
        + ", geocoderUrl="
        + geocoderUrl
        + ", adminToken="
        + (adminToken == null ? "off" : "set")
        + "]";
  }
}
