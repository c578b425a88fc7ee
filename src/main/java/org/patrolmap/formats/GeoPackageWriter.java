package org.patrolmap.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.contents.Contents;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import mil.nga.sf.wkb.GeometryReader;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.patrolmap.json.Json;
import org.patrolmap.layers.Column;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.model.Dataset;

/**
 * Writes polygon layers as one OGC GeoPackage (NGA's GeoPackage Java over sqlite-jdbc, in a
 * temporary file): per table a MultiPolygon column {@code Shape} in EPSG:4326, an integer primary
 * key, the given attribute columns with their types, lengths and NOT NULL, and an R-tree spatial
 * index. Polygons are written as one-part MultiPolygons.
 */
public final class GeoPackageWriter {
  /**
   * One table to write.
   *
   * @param name table name (e.g. {@code PsapPolygon})
   * @param description shown as the contents' description
   * @param primaryKey name of the integer primary key column (e.g. {@code OBJECTID})
   * @param columns attribute columns in order
   * @param features the rows; property values are taken by column name
   */
  public record Table(
      String name,
      String description,
      String primaryKey,
      List<Column> columns,
      List<LayerFeature> features) {}

  private GeoPackageWriter() {}

  /**
   * Columns for a layer with no fixed schema: {@code feature_id} (the feature's top-level id), then
   * every property in first-seen order, typed INTEGER, REAL or BOOLEAN when all its values are,
   * TEXT otherwise (lists and objects as JSON text).
   */
  public static List<Column> columnsOf(Collection<LayerFeature> features) {
    Map<String, Column.Type> types = new LinkedHashMap<>(); // null: only nulls seen so far
    for (LayerFeature f : features) {
      f.properties()
          .forEach(
              (k, v) -> {
                Column.Type t = typeOf(v);
                if (!types.containsKey(k)) {
                  types.put(k, t);
                } else if (t != null) {
                  Column.Type cur = types.get(k);
                  types.put(k, cur == null ? t : widen(cur, t));
                }
              });
    }
    List<Column> out = new ArrayList<>();
    out.add(new Column("feature_id", Column.Type.TEXT, null, true));
    types.forEach((k, t) -> out.add(new Column(k, t == null ? Column.Type.TEXT : t, null, false)));
    return out;
  }

  private static Column.Type typeOf(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return Column.Type.INTEGER;
    }
    if (v instanceof Number) {
      return Column.Type.REAL;
    }
    if (v instanceof Boolean) {
      return Column.Type.BOOLEAN;
    }
    return Column.Type.TEXT;
  }

  private static Column.Type widen(Column.Type a, Column.Type b) {
    if (a == b) {
      return a;
    }
    if ((a == Column.Type.INTEGER && b == Column.Type.REAL)
        || (a == Column.Type.REAL && b == Column.Type.INTEGER)) {
      return Column.Type.REAL;
    }
    return Column.Type.TEXT;
  }

  /** The GeoPackage file's bytes; {@code lastChange} is recorded as each table's last change. */
  public static byte[] write(List<Table> tables, Instant lastChange) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("patrolmap-gpkg-");
      File file = dir.resolve("layers.gpkg").toFile();
      GeoPackageManager.create(file);
      try (GeoPackage gp = GeoPackageManager.open(file)) {
        for (Table t : tables) {
          writeTable(gp, t, lastChange);
        }
      }
      return Files.readAllBytes(file.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException("GeoPackage writing failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void writeTable(GeoPackage gp, Table t, Instant lastChange)
      throws SQLException, IOException {
    SpatialReferenceSystem srs = gp.getSpatialReferenceSystemDao().getOrCreateCode("EPSG", 4326);
    GeometryColumns gc = new GeometryColumns();
    gc.setId(new TableColumnKey(t.name(), "Shape"));
    gc.setGeometryType(GeometryType.MULTIPOLYGON);
    gc.setZ((byte) 0);
    gc.setM((byte) 0);
    gc.setSrs(srs);
    List<FeatureColumn> cols = new ArrayList<>();
    for (Column c : t.columns()) {
      cols.add(
          FeatureColumn.createColumn(
              c.name(),
              dataType(c.type()),
              c.length() == null ? null : c.length().longValue(),
              c.notNull(),
              null));
    }
    Envelope env = new Envelope();
    t.features().forEach(f -> env.expandToInclude(f.geometry().getEnvelopeInternal()));
    BoundingBox box =
        env.isNull()
            ? new BoundingBox(-180, -90, 180, 90)
            : new BoundingBox(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY());
    gp.createFeatureTable(FeatureTableMetadata.create(gc, t.primaryKey(), cols, box));
    Contents contents = gp.getContentsDao().queryForId(t.name());
    contents.setIdentifier(t.name());
    contents.setDescription(t.description());
    contents.setLastChange(Date.from(lastChange));
    gp.getContentsDao().update(contents);
    FeatureDao dao = gp.getFeatureDao(t.name());
    WKBWriter wkb = new WKBWriter(2);
    gp.beginTransaction();
    boolean ok = false;
    try {
      for (LayerFeature f : t.features()) {
        FeatureRow row = dao.newRow();
        GeoPackageGeometryData g = GeoPackageGeometryData.create(srs.getSrsId());
        g.setGeometry(GeometryReader.readGeometry(wkb.write(multi(f.geometry()))));
        g.setEnvelope(mil.nga.sf.util.GeometryEnvelopeBuilder.buildEnvelope(g.getGeometry()));
        row.setGeometry(g);
        for (Column c : t.columns()) {
          Object v =
              c.name().equals("feature_id") && !f.properties().containsKey("feature_id")
                  ? f.id()
                  : f.properties().get(c.name());
          row.setValue(c.name(), value(c, v));
        }
        dao.create(row);
      }
      ok = true;
    } finally {
      gp.endTransaction(ok);
    }
    new RTreeIndexExtension(gp).create(dao.getTable());
  }

  private static MultiPolygon multi(Geometry g) {
    if (g instanceof MultiPolygon m) {
      return m;
    }
    if (g instanceof Polygon p) {
      return Dataset.GEOMETRY.createMultiPolygon(new Polygon[] {p});
    }
    List<Polygon> polys = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon p) {
        polys.add(p);
      }
    }
    return Dataset.GEOMETRY.createMultiPolygon(polys.toArray(Polygon[]::new));
  }

  private static GeoPackageDataType dataType(Column.Type t) {
    return switch (t) {
      case TEXT -> GeoPackageDataType.TEXT;
      case DATETIME -> GeoPackageDataType.DATETIME;
      case INTEGER -> GeoPackageDataType.INTEGER;
      case REAL -> GeoPackageDataType.REAL;
      case BOOLEAN -> GeoPackageDataType.BOOLEAN;
    };
  }

  private static Object value(Column c, Object v) {
    if (v == null) {
      return null;
    }
    return switch (c.type()) {
      case DATETIME -> Date.from(Instant.parse(v.toString()));
      case INTEGER -> ((Number) v).longValue();
      case REAL -> ((Number) v).doubleValue();
      case BOOLEAN -> (Boolean) v;
      case TEXT -> v instanceof String s ? s : json(v);
    };
  }

  private static String json(Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless; the JVM's temp dir is cleaned by the OS
    }
  }
}
