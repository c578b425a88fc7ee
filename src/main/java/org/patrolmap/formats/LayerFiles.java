package org.patrolmap.formats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTWriter;
import org.patrolmap.csv.CsvCell;
import org.patrolmap.layers.Column;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.LayerFeature;
import org.patrolmap.layers.Layers;
import org.patrolmap.layers.Nena;

/**
 * A layer as a GeoPackage table or CSV file. The NENA layers keep the template's table name ({@code
 * PsapPolygon}, {@code PolicePolygon}), primary key {@code OBJECTID} and columns; the other layers
 * are tables named by their id with key {@code fid}, a {@code feature_id} column and one column per
 * property.
 */
public final class LayerFiles {
  private LayerFiles() {}

  /** The columns written for a layer, in order. */
  public static List<Column> columns(Layer layer) {
    return Nena.TABLES.containsKey(layer.id())
        ? Nena.COLUMNS
        : GeoPackageWriter.columnsOf(layer.features());
  }

  /** The GeoPackage table of a layer. */
  public static GeoPackageWriter.Table table(Layer layer) {
    String nena = Nena.TABLES.get(layer.id());
    String title = Layers.info(layer.id()).map(Layers.Info::title).orElse(layer.id());
    return new GeoPackageWriter.Table(
        nena == null ? layer.id() : nena,
        "patrolmap: " + title + (layer.date() == null ? "" : " as of " + layer.date()),
        nena == null ? "fid" : "OBJECTID",
        columns(layer),
        layer.features());
  }

  /** Several layers as one GeoPackage (one table each). */
  public static byte[] geoPackage(List<Layer> layers, Instant lastChange) {
    return GeoPackageWriter.write(layers.stream().map(LayerFiles::table).toList(), lastChange);
  }

  /**
   * The layer as CSV: the columns of its GeoPackage table, then {@code wkt} (the geometry as WKT,
   * lon/lat, at most 6 decimals). Lists and objects are JSON text; null is an empty cell.
   */
  public static byte[] csv(Layer layer) {
    List<Column> cols = columns(layer);
    StringBuilder sb = new StringBuilder();
    for (Column c : cols) {
      sb.append(CsvCell.esc(c.name())).append(',');
    }
    sb.append("wkt\n");
    WKTWriter wkt = new WKTWriter(2);
    wkt.setPrecisionModel(new PrecisionModel(1e6));
    for (LayerFeature f : layer.features()) {
      Map<String, Object> p = f.properties();
      for (Column c : cols) {
        Object v =
            c.name().equals("feature_id") && !p.containsKey("feature_id")
                ? f.id()
                : p.get(c.name());
        sb.append(CsvCell.esc(text(v))).append(',');
      }
      sb.append(CsvCell.esc(wkt.write(f.geometry()))).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A property value as CSV/MVT text: strings as they are, lists and objects as JSON. */
  static String text(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return new String(org.patrolmap.json.Json.bytes(v), StandardCharsets.UTF_8);
  }
}
