package org.patrolmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void flagsWinOverEnvironmentWhichWinsOverDefaults() {
    AppConfig c =
        AppConfig.from(
            Map.of("PORT", "9000"), Map.of("PATROLMAP_PORT", "8000", "PATROLMAP_TILE_URL", ""));
    assertEquals(9000, c.port());
    assertNull(c.tileUrl());
    assertEquals(7070, AppConfig.from(Map.of(), Map.of()).port());
    assertEquals(8000, AppConfig.from(Map.of(), Map.of("PATROLMAP_PORT", "8000")).port());
  }

  @Test
  void invalidSettingsAreRejectedWithTheirName() {
    assertEquals(
        "PATROLMAP_PORT must be an integer, got 'x'",
        assertThrows(
                IllegalArgumentException.class, () -> AppConfig.from(Map.of("PORT", "x"), Map.of()))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> AppConfig.from(Map.of("DB_URL", "mysql://x"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> AppConfig.from(Map.of("ADMIN_TOKEN", "short"), Map.of()));
  }

  @Test
  void toStringNeverShowsTheAdminToken() {
    AppConfig c = AppConfig.from(Map.of("ADMIN_TOKEN", "a-very-secret-token-123"), Map.of());
    assertEquals(false, c.toString().contains("secret"));
  }
}
