package org.patrolmap.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coordinate forms people paste, each read as Ferguson's city hall (38.7442 N, 90.3054 W). */
class CoordinateTextTest {
  private static void assertFerguson(String text) {
    LonLat p = CoordinateText.parse(text).orElseThrow(() -> new AssertionError(text));
    assertEquals(-90.3054, p.lon(), 1e-4, text);
    assertEquals(38.7442, p.lat(), 1e-4, text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "38.7442, -90.3054",
        "38.7442 -90.3054",
        " 38.7442,-90.3054 ",
        "-90.3054, 38.7442",
        "38.7442N 90.3054W",
        "38.7442 N, 90.3054 W",
        "N38.7442 W90.3054",
        "N 38.7442, W 90.3054",
        "38.7442° N 90.3054° W",
        "38°44.652'N 90°18.324'W",
        "38°44'39.1\"N 90°18'19.4\"W",
        "38 44.652 -90 18.324",
        "geo:38.7442,-90.3054",
        "geo:38.7442,-90.3054;u=35",
      })
  void readsEveryCommonForm(String text) {
    assertFerguson(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ferguson",
        "110 Church St",
        "38.7442",
        "1 2 3",
        "38.7442, -90.3054, 12",
        "N38 N90",
        "38°75'N 90°18'W",
        "95, 200",
        "",
      })
  void textThatIsNotAPositionIsNotRead(String text) {
    assertTrue(CoordinateText.parse(text).isEmpty(), text);
  }

  @Test
  void twoPlainNumbersThatFitEitherWayGiveBothReadingsLatitudeFirst() {
    assertEquals(
        List.of(new LonLat(-40.5, 38.7), new LonLat(38.7, -40.5)),
        CoordinateText.both("38.7, -40.5"));
  }
}
