package org.patrolmap.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Who provides a function (patrol, dispatch, records) for an area, under which arrangement, over
 * which period [validFrom, validTo) — validFrom null = start unknown, validTo null = open.
 */
public record Service(
    String id,
    String areaId,
    String function,
    String agencyId,
    String arrangement,
    LocalDate validFrom,
    LocalDate validTo,
    String confidence,
    String note,
    String origin,
    List<String> sourceIds) {

  public static final List<String> FUNCTIONS = List.of("patrol", "dispatch", "records");
  public static final List<String> ARRANGEMENTS = List.of("own_department", "contract", "cooperative", "county_default");

  public boolean validOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || date.isBefore(validTo));
  }

  public boolean isContract() {
    return "contract".equals(arrangement);
  }
}
