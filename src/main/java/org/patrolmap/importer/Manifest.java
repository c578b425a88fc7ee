package org.patrolmap.importer;

import org.patrolmap.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shapefiles/sources.json}: every input of an import with the public URL of its original,
 * its sha256, licence, attribution, CRS and vintage. Inputs are never committed.
 */
public record Manifest(List<Input> inputs) {

  /** One input layer, made of one or more files (a zip, or the parts of a shapefile). */
  public record Input(String name, String description, String format, String layer, List<FileRef> files,
      String licence, String attribution, String crs, String vintage) {}

  /** One downloadable file: its path in the mirror/cache, its URL, its expected sha256. */
  public record FileRef(String path, String url, String sha256) {}

  public static Manifest read(Path file) {
    try {
      return Json.snakeCase().readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new InputDataException(file, "cannot read the manifest: " + e.getMessage(), e);
    }
  }

}
