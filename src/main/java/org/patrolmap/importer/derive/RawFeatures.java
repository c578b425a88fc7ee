package org.patrolmap.importer.derive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.io.WKBWriter;
import org.patrolmap.importer.InputDataException;
import org.patrolmap.importer.Manifest;
import org.patrolmap.importer.Progress;
import org.patrolmap.importer.read.VectorFeature;
import org.patrolmap.importer.read.VectorLayer;
import org.patrolmap.json.Json;
import org.patrolmap.store.WriteFailure;

/**
 * The input layers inside the import's transaction: a session table {@code raw_feature} (layer,
 * attributes as JSON, geometry reprojected to EPSG:4326 while inserted), the repair of what the
 * derivation can use, and the named footprints cut from it. SQL in {@code
 * resources/sql/raw-features.sql}.
 */
public final class RawFeatures {
  private static final Sql SQL = Sql.load("raw-features.sql");
  private static final int BATCH = 500;

  /** What loading one layer did. */
  public record Loaded(String file, int read, int loaded, int droppedEmptyGeometry) {}

  /** What the repair did per layer: repaired features and those left empty (dropped). */
  public record Repairs(Map<String, Integer> repaired, Map<String, Integer> droppedEmpty) {}

  private RawFeatures() {}

  /** Creates the session table (dropped at commit). */
  public static void create(Connection c) throws SQLException {
    SQL.execute(c, "create");
  }

  /**
   * Loads one layer under its manifest name, reprojecting from its {@code .prj} (GeoJSON:
   * EPSG:4326).
   */
  public static Loaded load(Connection c, String name, VectorLayer layer, Progress progress)
      throws SQLException {
    progress.start(
        "loading " + name + " (" + layer.features().size() + " features)", layer.features().size());
    WKBWriter wkb = new WKBWriter(2);
    int loaded = 0;
    int nullGeom = 0;
    int srid = registerCrs(c, layer);
    try (PreparedStatement ps = SQL.prepare(c, "insert")) {
      int i = 0;
      for (VectorFeature f : layer.features()) {
        i++;
        if (f.geometry() == null || f.geometry().isEmpty()) {
          nullGeom++;
          continue;
        }
        Sql.bind(
            ps,
            name,
            i,
            new String(Json.bytes(f.attributes()), java.nio.charset.StandardCharsets.UTF_8),
            wkb.write(f.geometry()),
            srid);
        ps.addBatch();
        loaded++;
        if (loaded % BATCH == 0) {
          executeBatch(ps, layer);
          progress.update(i);
        }
      }
      executeBatch(ps, layer);
      progress.update(layer.features().size());
    }
    if (srid != 4326) {
      SQL.execute(c, "unregister-crs", srid);
    }
    return new Loaded(
        layer.path().getFileName().toString(), layer.features().size(), loaded, nullGeom);
  }

  private static void executeBatch(PreparedStatement ps, VectorLayer layer) throws SQLException {
    try {
      ps.executeBatch();
    } catch (SQLException e) {
      throw loadFailure(layer.path(), e);
    }
  }

  /**
   * Why loading a layer failed, in one short line: a full disk, lost connection or other resource
   * failure is said as such (an {@link IllegalStateException}, not the file's fault); anything else
   * is the file's ({@link InputDataException}: its features cannot be reprojected or stored), with
   * the database's own message and never the batch's SQL.
   */
  static RuntimeException loadFailure(java.nio.file.Path file, SQLException e) {
    if (WriteFailure.resource(e)) {
      return new IllegalStateException(
          "loading " + file.getFileName() + " failed: " + WriteFailure.describe(e), e);
    }
    return new InputDataException(
        file, "cannot be reprojected with its .prj or stored: " + WriteFailure.describe(e), e);
  }

  /**
   * Registers a layer's .prj text as a temporary spatial_ref_sys entry (an SRID derived from its
   * hash) so PostGIS builds the PROJ transformation once per layer, not once per feature. Returns
   * 4326 for layers without a .prj (GeoJSON). The entry is removed again in the same transaction.
   */
  private static int registerCrs(Connection c, VectorLayer layer) throws SQLException {
    if (layer.prjWkt() == null) {
      return 4326;
    }
    int srid = 900_000 + Math.floorMod(layer.prjWkt().hashCode(), 98_999);
    SQL.execute(c, "register-crs", srid, srid, layer.prjWkt());
    return srid;
  }

  /**
   * Repairs invalid polygons of the features the derivation can use — every feature whose envelope
   * meets the two counties' envelope (the rest of Missouri is never read) — with ST_MakeValid,
   * keeping polygonal parts, and drops what is left empty.
   */
  public static Repairs repair(Connection c, Manifest.Region region) throws SQLException {
    Map<String, Integer> repaired = new LinkedHashMap<>();
    try (PreparedStatement ps = SQL.prepare(c, "repair")) {
      Sql.bind(ps, region.input(), region.countyGeoid(), region.cityCountyGeoid());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          repaired.merge(rs.getString(1), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> emptied = new LinkedHashMap<>();
    try (PreparedStatement ps = SQL.prepare(c, "drop-empty");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        emptied.merge(rs.getString(1), 1, Integer::sum);
      }
    }
    return new Repairs(repaired, emptied);
  }

  /**
   * Inserts each named footprint of the manifest; a footprint whose feature is missing stops the
   * import.
   */
  public static int insertFootprints(Connection c, long ds, Manifest.Derivation derive)
      throws SQLException {
    for (Manifest.FootprintSpec f : derive.footprints()) {
      try (PreparedStatement ps = SQL.prepare(c, "insert-footprint")) {
        Sql.bind(ps, ds, f.id(), f.name(), f.description(), f.source(), f.input(), f.geoid());
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException(
              "the layer '"
                  + f.input()
                  + "' has no feature "
                  + f.geoid()
                  + " for footprint '"
                  + f.id()
                  + "'");
        }
      }
    }
    return derive.footprints().size();
  }
}
