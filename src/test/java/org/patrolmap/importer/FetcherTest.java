package org.patrolmap.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs come from the mirror or the URL and are used only when their sha256 matches the manifest.
 */
class FetcherTest {
  @TempDir Path tmp;

  private Manifest.Input input(String sha, String url) {
    return new Manifest.Input(
        "t",
        "test",
        "geojson",
        "a.geojson",
        List.of(new Manifest.FileRef("x/a.geojson", url, sha)),
        "PD",
        "test",
        "WGS84",
        "2020");
  }

  @Test
  void aMirroredFileWithTheRightChecksumIsCopiedIntoTheCache() throws Exception {
    Path mirror = Files.createDirectories(tmp.resolve("mirror/x"));
    Files.writeString(mirror.resolve("a.geojson"), "{}");
    String sha = Fetcher.sha256(mirror.resolve("a.geojson"));
    Fetcher.Fetched f =
        new Fetcher(tmp.resolve("cache"), tmp.resolve("mirror"))
            .fetch(input(sha, "https://example.invalid/a"));
    assertEquals(tmp.resolve("cache/x/a.geojson"), f.layerFile());
  }

  @Test
  void aChecksumMismatchNamesTheFileAndLeavesNothingInTheCache() throws Exception {
    Path mirror = Files.createDirectories(tmp.resolve("mirror/x"));
    Files.writeString(mirror.resolve("a.geojson"), "{}");
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                new Fetcher(tmp.resolve("cache"), tmp.resolve("mirror"))
                    .fetch(input("00".repeat(32), "https://example.invalid/a")));
    assertTrue(
        e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("a.geojson"),
        e.getMessage());
  }

  @Test
  void offlineWithoutMirrorGivesAClearMessage() {
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                new Fetcher(tmp.resolve("cache"), null)
                    .fetch(input("00".repeat(32), "http://127.0.0.1:9/a.geojson")));
    assertTrue(e.getMessage().contains("PATROLMAP_DATA_MIRROR"), e.getMessage());
  }

  @Test
  void aFileMissingFromTheMirrorIsNamed() {
    InputDataException e =
        assertThrows(
            InputDataException.class,
            () ->
                new Fetcher(tmp.resolve("cache"), tmp.resolve("empty"))
                    .fetch(input("00".repeat(32), "https://example.invalid/a")));
    assertTrue(e.getMessage().contains("not in the mirror"), e.getMessage());
  }
}
