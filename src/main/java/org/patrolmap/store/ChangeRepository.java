package org.patrolmap.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patrolmap.json.Json;
import org.patrolmap.model.Change;
import org.patrolmap.model.ChangeLog;
import org.patrolmap.model.DatabaseUnavailableException;
import org.patrolmap.model.Source;

/**
 * The change log ({@code dataset_change}): written by the import inside its transaction (a failed
 * import keeps no changes), read by {@code /api/changes}. Rows outlive the datasets they compare.
 */
public final class ChangeRepository implements ChangeLog {
  private final Database db;

  public ChangeRepository(Database db) {
    this.db = db;
  }

  /** Writes the changes from {@code previous} to {@code ds} on the import's connection. */
  public static void write(Connection c, long ds, long previous, List<Change> changes)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        insert into dataset_change (dataset_id, previous_dataset_id, subject, kind, subject_id,
          area_id, area_name, agency_ids, function, effective, title, details, sources)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")) {
      for (Change ch : changes) {
        ps.setLong(1, ds);
        ps.setLong(2, previous);
        ps.setString(3, ch.subject());
        ps.setString(4, ch.kind());
        ps.setString(5, ch.subjectId());
        ps.setString(6, ch.areaId());
        ps.setString(7, ch.areaName());
        ps.setArray(8, c.createArrayOf("text", ch.agencyIds().toArray()));
        ps.setString(9, ch.function());
        ps.setDate(10, ch.effective() == null ? null : Date.valueOf(ch.effective()));
        ps.setString(11, ch.title());
        ps.setString(12, Json.pretty(ch.details()));
        ps.setString(13, Json.pretty(ch.sources()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public List<Change> changes(Query q) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            select id, dataset_id, previous_dataset_id, imported_at, subject, kind, subject_id,
                   area_id, area_name, agency_ids, function, effective, title, details::text, sources::text
              from dataset_change
             where (?::text is null or area_id = ?)
               and (?::text is null or ? = any (agency_ids))
               and (?::bigint is null or id < ?)
             order by id desc
             limit ?""")) {
      ps.setQueryTimeout(5);
      ps.setString(1, q.areaId());
      ps.setString(2, q.areaId());
      ps.setString(3, q.agencyId());
      ps.setString(4, q.agencyId());
      ps.setObject(5, q.before(), java.sql.Types.BIGINT);
      ps.setObject(6, q.before(), java.sql.Types.BIGINT);
      ps.setInt(7, q.limit() + 1);
      List<Change> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date eff = rs.getDate(12);
          out.add(
              new Change(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getTimestamp(4).toInstant(),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  Arrays.asList((String[]) rs.getArray(10).getArray()),
                  rs.getString(11),
                  eff == null ? null : eff.toLocalDate(),
                  rs.getString(13),
                  details(rs.getString(14)),
                  sources(rs.getString(15))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot read the change log", e);
    }
  }

  private static Map<String, Object> details(String json) {
    return Json.MAPPER.convertValue(
        Json.tree(json), new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  private static List<Source> sources(String json) {
    List<Source> out = new ArrayList<>();
    for (JsonNode n : Json.tree(json)) {
      out.add(
          new Source(
              n.path("id").asText(null),
              n.path("title").asText(null),
              text(n, "publisher"),
              text(n, "url"),
              text(n, "date"),
              text(n, "note")));
    }
    return out;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isTextual() ? v.asText() : null;
  }
}
