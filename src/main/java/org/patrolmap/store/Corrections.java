package org.patrolmap.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.AuditEntry;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionStore;
import org.patrolmap.model.CorrectionTopic;
import org.patrolmap.model.DatabaseUnavailableException;

/**
 * Public corrections in the {@code correction} table: stored pending, listed and reviewed by an
 * admin (the review and its audit row commit together). Every value is bound.
 */
public final class Corrections implements CorrectionStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS =
      """
      id, received_at, status, area_id, agency_id, function, problem, proposed, proposed_agency_id,
      proposed_arrangement, source_url, source_title, effective_date, contact_email,
      ST_X(location), ST_Y(location), dataset_id, reviewed_at, reviewed_by, review_note""";

  private final Database db;

  public Corrections(Database db) {
    this.db = db;
  }

  @Override
  public Correction submit(
      Correction.Submission s, Double lon, Double lat, long datasetId, String client) {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    String id = "c-" + HexFormat.of().formatHex(b);
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            insert into correction (id, area_id, agency_id, function, problem, proposed,
              proposed_agency_id, proposed_arrangement, source_url, source_title, effective_date,
              contact_email, location, dataset_id, client)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              case when ?::float8 is null then null else ST_SetSRID(ST_MakePoint(?, ?), 4326) end, ?, ?)
            returning\s"""
                    + COLUMNS)) {
      ps.setQueryTimeout(5);
      ps.setString(1, id);
      ps.setString(2, s.areaId());
      ps.setString(3, s.agencyId());
      ps.setString(4, s.topic().id());
      ps.setString(5, s.problem());
      ps.setString(6, s.proposed());
      ps.setString(7, s.proposedAgencyId());
      ps.setString(8, s.proposedArrangement() == null ? null : s.proposedArrangement().id());
      ps.setString(9, s.sourceUrl());
      ps.setString(10, s.sourceTitle());
      ps.setDate(11, s.effectiveDate() == null ? null : Date.valueOf(s.effectiveDate()));
      ps.setString(12, s.contactEmail());
      ps.setObject(13, lon, java.sql.Types.DOUBLE);
      ps.setObject(14, lon, java.sql.Types.DOUBLE);
      ps.setObject(15, lat, java.sql.Types.DOUBLE);
      ps.setLong(16, datasetId);
      ps.setString(17, client);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return row(rs);
      }
    } catch (SQLException e) {
      throw Database.failure("cannot store the correction", e);
    }
  }

  @Override
  public List<Correction> list(Filter f) {
    String sql =
        "select "
            + COLUMNS
            + """
             from correction
            where (?::text is null or status = ?)
              and (?::text is null or area_id = ?)
              and (?::text is null or agency_id = ? or proposed_agency_id = ?)
              and (?::text is null or function = ?)
              and (?::text is null or (received_at, id) <
                   (select received_at, id from correction where id = ?))
            order by received_at desc, id desc
            limit ?""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setQueryTimeout(5);
      String topic = f.topic() == null ? null : f.topic().id();
      int i = 1;
      for (String v : new String[] {f.status(), f.areaId()}) {
        ps.setString(i++, v);
        ps.setString(i++, v);
      }
      ps.setString(i++, f.agencyId());
      ps.setString(i++, f.agencyId());
      ps.setString(i++, f.agencyId());
      ps.setString(i++, topic);
      ps.setString(i++, topic);
      ps.setString(i++, f.before());
      ps.setString(i++, f.before());
      ps.setInt(i, f.limit());
      List<Correction> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot list corrections", e);
    }
  }

  @Override
  public Optional<Correction> get(String id) {
    try (Connection c = db.connection()) {
      return get(c, id, false);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot read correction " + id, e);
    }
  }

  private static Optional<Correction> get(Connection c, String id, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select " + COLUMNS + " from correction where id = ?" + (lock ? " for update" : ""))) {
      ps.setQueryTimeout(5);
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Optional<Reviewed> review(String id, boolean accept, String note, AuditEntry audit) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Optional<Correction> found = get(c, id, true);
        if (found.isEmpty() || !"pending".equals(found.get().status())) {
          AuditEntry refused =
              audit.withOutcome(
                  found.isEmpty()
                      ? "refused: no such correction"
                      : "refused: already " + found.get().status());
          AuditLog.insert(c, refused);
          c.commit();
          AuditLog.logged(refused);
          return found.map(x -> new Reviewed(x, false));
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                """
            update correction set status = ?, reviewed_at = now(), reviewed_by = ?, review_note = ?
            where id = ?""")) {
          ps.setString(1, accept ? "accepted" : "rejected");
          ps.setString(2, audit.remote() + " token " + audit.tokenFingerprint());
          ps.setString(3, note);
          ps.setString(4, id);
          ps.execute();
        }
        AuditLog.insert(c, audit);
        Optional<Correction> done = get(c, id, false);
        c.commit();
        AuditLog.logged(audit);
        return done.map(x -> new Reviewed(x, true));
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw Database.failure("cannot review correction " + id, e);
    }
  }

  private static Correction row(ResultSet rs) throws SQLException {
    Date effective = rs.getDate(13);
    Timestamp reviewed = rs.getTimestamp(18);
    Double lon = rs.getObject(15) == null ? null : rs.getDouble(15);
    Double lat = rs.getObject(16) == null ? null : rs.getDouble(16);
    return new Correction(
        rs.getString(1),
        rs.getTimestamp(2).toInstant(),
        rs.getString(3),
        new Correction.Submission(
            rs.getString(4),
            rs.getString(5),
            Coded.parse(CorrectionTopic.class, rs.getString(6)),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            Coded.parse(Arrangement.class, rs.getString(10)),
            rs.getString(11),
            rs.getString(12),
            effective == null ? null : effective.toLocalDate(),
            rs.getString(14)),
        lon,
        lat,
        rs.getLong(17),
        reviewed == null ? null : reviewed.toInstant(),
        rs.getString(19),
        rs.getString(20));
  }
}
