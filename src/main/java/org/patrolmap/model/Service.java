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
    Function function,
    String agencyId,
    Arrangement arrangement,
    LocalDate validFrom,
    LocalDate validTo,
    Confidence confidence,
    String note,
    String origin,
    List<String> sourceIds) {

  public boolean validOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom))
        && (validTo == null || date.isBefore(validTo));
  }

  public boolean isContract() {
    return arrangement == Arrangement.CONTRACT;
  }
}
