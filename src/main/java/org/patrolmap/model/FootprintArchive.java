package org.patrolmap.model;

import org.locationtech.jts.geom.Geometry;

/** Footprints saved by an admin; they outlive imports and are served with every dataset. */
public interface FootprintArchive {
  /**
   * Saves a footprint (lon/lat polygonal geometry) unless one with this id is saved already, with
   * its audit entry in the same transaction. Returns false when the id exists.
   */
  boolean save(String id, String name, String description, Geometry geom, AuditEntry audit);
}
