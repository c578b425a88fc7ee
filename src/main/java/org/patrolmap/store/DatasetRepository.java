package org.patrolmap.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.patrolmap.json.Json;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Area;
import org.patrolmap.model.AreaKind;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Confidence;
import org.patrolmap.model.Contact;
import org.patrolmap.model.ContactKind;
import org.patrolmap.model.DatabaseUnavailableException;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.DatasetInfo;
import org.patrolmap.model.Footprint;
import org.patrolmap.model.Function;
import org.patrolmap.model.NoDatasetException;
import org.patrolmap.model.Rule;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/**
 * Reads the current dataset from PostGIS into an in-memory {@link Dataset}: the read side of the
 * store. Writing is {@link DatasetWriter} (dataset lifecycle), {@link FactWriter}, {@link AuditLog}
 * and {@link SavedFootprints}; the import's derivation has its SQL in {@code resources/sql/}.
 */
public final class DatasetRepository {
  private final Database db;

  public DatasetRepository(Database db) {
    this.db = db;
  }

  /** The id of the dataset being served, if any import has completed. */
  public OptionalLong currentId() {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("select dataset_id from current_dataset")) {
      ps.setQueryTimeout(5);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot read the current dataset", e);
    }
  }

  /**
   * What the reload poller compares, in one read: the current dataset's id and a mark of the saved
   * footprints (how many, and the latest save), which changes when an admin saves one through any
   * server on this database or its primary.
   */
  public record Version(OptionalLong datasetId, String savedFootprints) {}

  /** The current {@link Version}. */
  public Version version() {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
                select (select dataset_id from current_dataset),
                       (select count(*) || '/' || coalesce(max(saved_at)::text, '') from saved_footprint)
                """)) {
      ps.setQueryTimeout(5);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        return new Version(
            rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot read the current dataset", e);
    }
  }

  /** Loads one whole dataset in one read-only transaction (a consistent snapshot). */
  public Dataset load(long datasetId) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Dataset d = load(c, datasetId);
        c.commit();
        return d;
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot load dataset " + datasetId, e);
    }
  }

  /**
   * Reads dataset {@code datasetId} on the caller's connection and transaction (the importer reads
   * the dataset it replaces this way, to compute what changed).
   */
  public static Dataset load(Connection c, long datasetId) throws SQLException {
    DatasetInfo info = info(c, datasetId);
    Map<String, List<String>> serviceSources =
        links(
            c,
            "select service_id, source_id from service_source where dataset_id = ? order by 1, 2",
            datasetId);
    Map<String, List<String>> agencySources =
        links(
            c,
            "select agency_id, source_id from agency_source where dataset_id = ? order by 1, 2",
            datasetId);
    return new Dataset(
        info,
        areas(c, datasetId),
        agencies(c, datasetId, agencySources),
        sources(c, datasetId),
        services(c, datasetId, serviceSources),
        rules(c, datasetId),
        footprints(c, datasetId),
        contacts(c, datasetId));
  }

  /** The id of the dataset being served, read on the caller's connection. */
  public static OptionalLong currentId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select dataset_id from current_dataset");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
    }
  }

  private static DatasetInfo info(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select finished_at, counts::text from dataset where id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NoDatasetException("dataset " + id + " does not exist");
        }
        return new DatasetInfo(
            id,
            rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
            counts(rs.getString(2)));
      }
    }
  }

  /** The stored counts object ({@code {"areas": 111, …}}), in its order. */
  private static Map<String, Long> counts(String json) {
    Map<String, Long> m = new LinkedHashMap<>();
    if (json != null) {
      Json.tree(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
    }
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, List<String>> links(Connection c, String sql, long id)
      throws SQLException {
    Map<String, List<String>> m = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return m;
  }

  /**
   * The areas of a dataset, read on the caller's connection (also used by the importer's checks).
   */
  public static List<Area> areas(Connection c, long id) throws SQLException {
    List<Area> out = new ArrayList<>();
    WKBReader wkb = new WKBReader(Dataset.GEOMETRY);
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, name, kind, county_geoid, localities, source, area_m2, ST_AsBinary(geom)
        from area where dataset_id = ? order by id""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Area(
                  rs.getString(1),
                  rs.getString(2),
                  Coded.parse(AreaKind.class, rs.getString(3)),
                  rs.getString(4),
                  strings(rs.getArray(5)),
                  rs.getString(6),
                  rs.getDouble(7),
                  geometry(wkb, rs.getBytes(8))));
        }
      }
    }
    return out;
  }

  private static List<Agency> agencies(Connection c, long id, Map<String, List<String>> src)
      throws SQLException {
    List<Agency> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, name, kind, phone, address, website, accreditation, accreditation_date, note
        from agency where dataset_id = ? order by name""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String aid = rs.getString(1);
          out.add(
              new Agency(
                  aid,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  src.getOrDefault(aid, List.of())));
        }
      }
    }
    return out;
  }

  private static List<Source> sources(Connection c, long id) throws SQLException {
    List<Source> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, title, publisher, url, date, note from source where dataset_id = ? order by id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Source(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
    }
    return out;
  }

  private static List<Service> services(Connection c, long id, Map<String, List<String>> src)
      throws SQLException {
    List<Service> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, area_id, function, agency_id, arrangement, valid_from, valid_to, confidence, note, origin
        from service where dataset_id = ? order by id""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String sid = rs.getString(1);
          out.add(
              new Service(
                  sid,
                  rs.getString(2),
                  Coded.parse(Function.class, rs.getString(3)),
                  rs.getString(4),
                  Coded.parse(Arrangement.class, rs.getString(5)),
                  date(rs.getDate(6)),
                  date(rs.getDate(7)),
                  Coded.parse(Confidence.class, rs.getString(8)),
                  rs.getString(9),
                  rs.getString(10),
                  src.getOrDefault(sid, List.of())));
        }
      }
    }
    return out;
  }

  private static List<Rule> rules(Connection c, long id) throws SQLException {
    List<Rule> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, applies_to, function, agency_id, arrangement, confidence, note, source_ids
        from rule where dataset_id = ? order by id""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Rule(
                  rs.getString(1),
                  rs.getString(2),
                  Coded.parse(Function.class, rs.getString(3)),
                  rs.getString(4),
                  Coded.parse(Arrangement.class, rs.getString(5)),
                  Coded.parse(Confidence.class, rs.getString(6)),
                  rs.getString(7),
                  strings(rs.getArray(8))));
        }
      }
    }
    return out;
  }

  private static List<Contact> contacts(Connection c, long id) throws SQLException {
    Map<String, List<String>> src =
        links(
            c,
            "select contact_id, source_id from contact_source where dataset_id = ? order by contact_id, ord",
            id);
    List<Contact> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, agency_id, kind, value, valid_from, valid_to, confidence, as_printed, note
        from contact where dataset_id = ? order by id""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cid = rs.getString(1);
          out.add(
              new Contact(
                  cid,
                  rs.getString(2),
                  Coded.parse(ContactKind.class, rs.getString(3)),
                  rs.getString(4),
                  date(rs.getDate(5)),
                  date(rs.getDate(6)),
                  Coded.parse(Confidence.class, rs.getString(7)),
                  src.getOrDefault(cid, List.of()),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    }
    return out;
  }

  private static List<Footprint> footprints(Connection c, long id) throws SQLException {
    List<Footprint> out = new ArrayList<>();
    WKBReader wkb = new WKBReader(Dataset.GEOMETRY);
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        select id, name, description, source, area_m2, ST_AsBinary(geom) from footprint where dataset_id = ?
        union all
        select s.id, s.name, s.description, s.source, s.area_m2, ST_AsBinary(s.geom) from saved_footprint s
        where not exists (select 1 from footprint f where f.dataset_id = ? and f.id = s.id)
        order by 1""")) {
      ps.setLong(1, id);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Footprint(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getDouble(5),
                  geometry(wkb, rs.getBytes(6))));
        }
      }
    }
    return out;
  }

  private static java.time.LocalDate date(Date d) {
    return d == null ? null : d.toLocalDate();
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  private static org.locationtech.jts.geom.Geometry geometry(WKBReader wkb, byte[] bytes) {
    try {
      org.locationtech.jts.geom.Geometry g = wkb.read(bytes);
      g.setSRID(4326);
      return g;
    } catch (ParseException e) {
      throw new IllegalStateException("stored geometry is not valid WKB", e);
    }
  }
}
