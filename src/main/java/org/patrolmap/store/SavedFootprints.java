package org.patrolmap.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.FootprintArchive;

/**
 * Footprints saved by an admin ({@code POST /admin/footprints}) into {@code saved_footprint}; they
 * outlive imports and are served with every dataset. The row and its audit row commit together.
 */
public final class SavedFootprints implements FootprintArchive {
  private final Database db;

  public SavedFootprints(Database db) {
    this.db = db;
  }

  @Override
  public boolean save(String id, String name, String description, Geometry geom, AuditEntry audit) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                """
            insert into saved_footprint (id, name, description, source, area_m2, geom, saved_by)
            select ?, ?, ?, ?, ST_Area(g::geography), g, ?
            from (select ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 4326)) as g) x
            on conflict (id) do nothing""")) {
          ps.setString(1, id);
          ps.setString(2, name);
          ps.setString(3, description);
          ps.setString(4, "saved by an administrator");
          ps.setString(5, audit.remote() + " token " + audit.tokenFingerprint());
          ps.setBytes(6, new WKBWriter(2).write(geom));
          n = ps.executeUpdate();
        }
        AuditEntry done = audit.withOutcome(n == 1 ? "saved" : "refused: exists");
        AuditLog.insert(c, done);
        c.commit();
        AuditLog.logged(done);
        return n == 1;
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw Database.failure("cannot save footprint " + id, e);
    }
  }
}
