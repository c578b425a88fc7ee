package org.patrolmap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeometryOutputTest {
  private static String geojson(String wkt) throws Exception {
    Geometry g = new WKTReader().read(wkt);
    return GeoJsonGeometry.toJson(g);
  }

  @Test
  void clockwiseShapefileShellIsWrittenCounterClockwiseAndHoleClockwise() throws Exception {
    // Shell clockwise (shapefile order), hole counter-clockwise.
    String out = geojson("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
    assertEquals(
        "{\"type\":\"Polygon\",\"coordinates\":[[[0.0,0.0],[10.0,0.0],[10.0,10.0],[0.0,10.0],[0.0,0.0]],"
            + "[[2.0,2.0],[2.0,4.0],[4.0,4.0],[4.0,2.0],[2.0,2.0]]]}",
        out);
  }

  @Test
  void coordinatesAreRoundedToSixDecimalsAndNoCrsIsWritten() throws Exception {
    String out =
        geojson(
            "MULTIPOLYGON (((-90.1234567891 38.1, -90.1 38.1, -90.1 38.2, -90.1234567891 38.1)))");
    assertFalse(out.contains("crs"));
    assertFalse(out.contains("-90.1234567891"));
    assertEquals(true, out.contains("-90.123457"));
  }

  @Test
  void sphericalAreaOfAOneDegreeCellAtTheEquatorIsAbout12300Km2() throws Exception {
    double km2 = GeoMath.areaM2(new WKTReader().read("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")) / 1e6;
    assertEquals(12_364, km2, 60);
  }

  @Test
  void haversineOfOneDegreeOfLatitudeIsAbout111Km() {
    assertEquals(111_195, GeoMath.haversineM(-90, 38, -90, 39), 50);
  }
}
