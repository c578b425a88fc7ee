package org.patrolmap.ogc;

import java.util.List;
import java.util.Optional;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;

/**
 * A coordinate reference system the OGC items can be answered in or a {@code bbox} given in (OGC
 * API – Features Part 2): its URI, whether its first axis is latitude (EPSG:4326 and EPSG:4269 are
 * latitude, longitude; CRS84 is longitude, latitude; the projected ones are easting, northing), and
 * its PROJ definition (the EPSG parameters, written out so that no EPSG database is needed). The
 * data are stored in CRS84.
 */
record Crs(String uri, String title, boolean latLon, boolean geographic, String proj4) {
  static final Crs CRS84 =
      new Crs(
          CollectionDocs.CRS84,
          "WGS 84 longitude/latitude (CRS84)",
          false,
          true,
          "+proj=longlat +datum=WGS84 +no_defs");

  /** Every CRS of every collection; the first is the storage CRS and the default. */
  static final List<Crs> SUPPORTED =
      List.of(
          CRS84,
          new Crs(
              epsg(4326),
              "WGS 84 (latitude, longitude)",
              true,
              true,
              "+proj=longlat +datum=WGS84 +no_defs"),
          new Crs(
              epsg(4269),
              "NAD83 (latitude, longitude)",
              true,
              true,
              "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs"),
          new Crs(
              epsg(3857),
              "WGS 84 / Pseudo-Mercator (web maps)",
              false,
              false,
              "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m"
                  + " +nadgrids=@null +no_defs"),
          new Crs(
              epsg(26915),
              "NAD83 / UTM zone 15N (metres)",
              false,
              false,
              "+proj=utm +zone=15 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs"),
          new Crs(
              epsg(26996),
              "NAD83 / Missouri East (State Plane, metres)",
              false,
              false,
              "+proj=tmerc +lat_0=35.8333333333333 +lon_0=-90.5 +k=0.999933333333333 +x_0=250000"
                  + " +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs"));

  static String epsg(int code) {
    return "http://www.opengis.net/def/crs/EPSG/0/" + code;
  }

  static List<String> uris() {
    return SUPPORTED.stream().map(Crs::uri).toList();
  }

  /** The CRS a URI names; {@code [EPSG:26996]} (a safe CURIE) is read as the EPSG URI. */
  static Optional<Crs> of(String uri) {
    String u = uri.trim();
    if (u.startsWith("[EPSG:") && u.endsWith("]")) {
      u = "http://www.opengis.net/def/crs/EPSG/0/" + u.substring(6, u.length() - 1);
    } else if (u.equals("[OGC:CRS84]")) {
      u = CollectionDocs.CRS84;
    }
    String match = u.startsWith("https://") ? "http://" + u.substring(8) : u;
    return SUPPORTED.stream().filter(c -> c.uri().equals(match)).findFirst();
  }

  /** The PROJ form (built on each call: proj4j's objects are cheap and not shared). */
  CoordinateReferenceSystem proj() {
    return new CRSFactory().createFromParameters(uri, proj4);
  }
}
