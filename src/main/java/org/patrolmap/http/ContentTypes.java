package org.patrolmap.http;

/** The media types patrolmap answers with, defined once. */
public final class ContentTypes {
  public static final String JSON = "application/json";
  public static final String GEOJSON = "application/geo+json";
  public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
  public static final String HTML = "text/html";
  public static final String CSV = "text/csv; charset=utf-8";
  public static final String GEOPACKAGE = "application/geopackage+sqlite3";
  public static final String VCARD = "text/vcard; charset=utf-8";
  public static final String JCARD = "application/vcard+json";
  public static final String MVT = "application/vnd.mapbox-vector-tile";

  private ContentTypes() {}
}
