package org.patrolmap.model;

import java.util.List;

/** The kept differences between successive datasets (the store's {@code dataset_change}). */
public interface ChangeLog {
  /**
   * Changes matching the query, newest first (by change number, which grows with each import); at
   * most {@code limit + 1} so the caller can tell whether there is a next page.
   */
  List<Change> changes(Query query);

  /**
   * @param areaId only changes of this area, or null
   * @param agencyId only changes concerning this agency, or null
   * @param before only changes logged before the change with this id (paging), or null
   * @param limit page size
   */
  record Query(String areaId, String agencyId, Long before, int limit) {}
}
