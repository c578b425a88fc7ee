package org.patrolmap.importer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.patrolmap.importer.derive.CoverageCheck;

/**
 * What one import read, repaired, derived, checked and loaded: printed by {@code import} and kept
 * with the dataset ({@code dataset.qa}). Written as JSON with snake_case member names.
 *
 * @param inputs per input (manifest name): what was read, loaded, repaired and dropped
 */
public record ImportReport(
    long dataset,
    Map<String, Input> inputs,
    RepairRule geometryRepair,
    Areas areas,
    CoverageCheck.Result coverage,
    Facts facts,
    Counts counts) {

  /** One input layer. */
  public record Input(
      String file,
      int read,
      int loaded,
      int droppedEmptyGeometry,
      int repaired,
      int droppedEmptyAfterRepair) {}

  /** The documented rule of geometry repair. */
  public record RepairRule(String checked, String repair) {}

  /** What the area derivation made. */
  public record Areas(
      int municipalities,
      int independentCity,
      int unincorporatedParts,
      List<String> placesExcludedOutsideCounty,
      int slivers,
      int sliversMergedIntoNeighbour,
      int sliversDropped,
      long sliverAreaM2,
      String sliverRule) {}

  /** The facts as of the report's date: known and unknown providers, stale sources. */
  public record Facts(
      String date,
      int areas,
      RoleCoverage patrol,
      RoleCoverage dispatch,
      @JsonProperty("facts_in_force_with_sources_older_than_5_years") int staleCount,
      List<String> staleFacts,
      Contacts contacts) {}

  /**
   * Agencies in service on the report's date (providing patrol or dispatch somewhere) and how many
   * of them have a cited non-emergency number, address and web site; patrol agencies without a
   * number are listed.
   */
  public record Contacts(
      int agenciesInService,
      int withNonEmergencyPhone,
      int withAddress,
      int withWebsite,
      int patrolAgenciesInService,
      int patrolAgenciesWithNonEmergencyPhone,
      List<String> patrolAgenciesWithoutNonEmergencyPhone,
      int contactFacts,
      AreaLines areas) {}

  /**
   * Areas by the non-emergency line a lookup gives on the date: the patrol agency's, the
   * dispatcher's (patrol agency has none), or none.
   */
  public record AreaLines(int patrolAgencyLine, int dispatcherLine, int noLine) {}

  /**
   * How many areas have a known provider of one function ({@code known}: a cited row or a cited
   * general rule, at which confidence), how many of those a rule decides ({@code by_rule}, listed),
   * and which are unknown.
   */
  public record RoleCoverage(
      int known,
      Map<String, Integer> byConfidence,
      int byRule,
      List<String> byRuleAreas,
      int unknown,
      List<String> unknownAreas) {}

  /** The dataset's counts, also served by {@code /health} and {@code /api/config}. */
  public record Counts(
      int areas,
      int municipalities,
      int unincorporated,
      int agencies,
      int sources,
      int services,
      int rules,
      int footprints) {}

  /** The report as indented JSON. */
  public String json() {
    return org.patrolmap.json.Json.prettySnakeCase(this);
  }
}
