package org.patrolmap.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Contact;
import org.patrolmap.model.Rule;
import org.patrolmap.model.Service;
import org.patrolmap.model.Source;

/** Writes validated fact tables into the dataset being built. */
public final class FactWriter {
  private FactWriter() {}

  public static void write(
      Connection c,
      long ds,
      List<Source> sources,
      List<Agency> agencies,
      List<Service> services,
      List<Rule> rules)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into source (dataset_id, id, title, publisher, url, date, note) values (?, ?, ?, ?, ?, ?, ?)")) {
      for (Source s : sources) {
        set(ps, ds, s.id(), s.title(), s.publisher(), s.url(), s.date(), s.note());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
            c.prepareStatement(
                """
        insert into agency (dataset_id, id, name, kind, phone, address, website, accreditation, accreditation_date, note)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement link =
            c.prepareStatement(
                "insert into agency_source (dataset_id, agency_id, source_id) values (?, ?, ?)")) {
      for (Agency a : agencies) {
        set(
            ps,
            ds,
            a.id(),
            a.name(),
            a.kind(),
            a.phone(),
            a.address(),
            a.website(),
            a.accreditation(),
            a.accreditationDate(),
            a.note());
        ps.addBatch();
        for (String src : a.sourceIds()) {
          set(link, ds, a.id(), src);
          link.addBatch();
        }
      }
      ps.executeBatch();
      link.executeBatch();
    }
    try (PreparedStatement ps =
            c.prepareStatement(
                """
        insert into service (dataset_id, id, area_id, function, agency_id, arrangement, valid_from, valid_to,
          confidence, note, origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement link =
            c.prepareStatement(
                "insert into service_source (dataset_id, service_id, source_id) values (?, ?, ?)")) {
      for (Service s : services) {
        ps.setLong(1, ds);
        ps.setString(2, s.id());
        ps.setString(3, s.areaId());
        ps.setString(4, s.function().id());
        ps.setString(5, s.agencyId());
        ps.setString(6, s.arrangement().id());
        ps.setDate(7, s.validFrom() == null ? null : Date.valueOf(s.validFrom()));
        ps.setDate(8, s.validTo() == null ? null : Date.valueOf(s.validTo()));
        ps.setString(9, s.confidence().id());
        ps.setString(10, s.note());
        ps.setString(11, s.origin());
        ps.addBatch();
        for (String src : s.sourceIds()) {
          set(link, ds, s.id(), src);
          link.addBatch();
        }
      }
      ps.executeBatch();
      link.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        insert into rule (dataset_id, id, applies_to, function, agency_id, arrangement, confidence, note, source_ids)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (Rule r : rules) {
        set(
            ps,
            ds,
            r.id(),
            r.appliesTo(),
            r.function().id(),
            r.agencyId(),
            idOrNull(r.arrangement()),
            idOrNull(r.confidence()),
            r.note());
        ps.setArray(9, c.createArrayOf("text", r.sourceIds().toArray()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Writes the contact facts (phones, addresses, web sites, accreditations) with their sources. */
  public static void writeContacts(Connection c, long ds, List<Contact> contacts)
      throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                """
        insert into contact (dataset_id, id, agency_id, kind, value, valid_from, valid_to, confidence,
          as_printed, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement link =
            c.prepareStatement(
                "insert into contact_source (dataset_id, contact_id, source_id, ord) values (?, ?, ?, ?)")) {
      for (Contact k : contacts) {
        ps.setLong(1, ds);
        ps.setString(2, k.id());
        ps.setString(3, k.agencyId());
        ps.setString(4, k.kind().id());
        ps.setString(5, k.value());
        ps.setDate(6, k.validFrom() == null ? null : Date.valueOf(k.validFrom()));
        ps.setDate(7, k.validTo() == null ? null : Date.valueOf(k.validTo()));
        ps.setString(8, k.confidence().id());
        ps.setString(9, k.asPrinted());
        ps.setString(10, k.note());
        ps.addBatch();
        for (int i = 0; i < k.sourceIds().size(); i++) {
          set(link, ds, k.id(), k.sourceIds().get(i));
          link.setInt(4, i);
          link.addBatch();
        }
      }
      ps.executeBatch();
      link.executeBatch();
    }
  }

  private static String idOrNull(Object value) {
    return value == null ? null : value.toString();
  }

  private static void set(PreparedStatement ps, long ds, String... values) throws SQLException {
    ps.setLong(1, ds);
    for (int i = 0; i < values.length; i++) {
      ps.setString(i + 2, values[i]);
    }
  }
}
