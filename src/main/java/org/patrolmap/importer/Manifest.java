package org.patrolmap.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.patrolmap.json.Json;

/**
 * {@code shapefiles/sources.json}: every input of an import with the public URL of its original,
 * its sha256, licence, attribution, CRS and vintage (inputs are never committed), and how the areas
 * and footprints are derived from them: which input and GEOIDs make the region, the City and each
 * named footprint. The derivation reads layer names and GEOIDs only from here.
 */
public record Manifest(List<Input> inputs, Derivation derive) {

  public Manifest {
    Set<String> names = inputs.stream().map(Input::name).collect(Collectors.toSet());
    if (derive == null) {
      throw new IllegalArgumentException("the manifest has no \"derive\" section");
    }
    for (String used : derive.inputNames()) {
      if (!names.contains(used)) {
        throw new IllegalArgumentException(
            "the manifest's \"derive\" section names input '"
                + used
                + "', which is not among its inputs "
                + names);
      }
    }
  }

  /** One input layer, made of one or more files (a zip, or the parts of a shapefile). */
  public record Input(
      String name,
      String description,
      String format,
      String layer,
      List<FileRef> files,
      String licence,
      String attribution,
      String crs,
      String vintage) {}

  /** One downloadable file: its path in the mirror/cache, its URL, its expected sha256. */
  public record FileRef(String path, String url, String sha256) {}

  /** How areas and footprints are derived from the inputs. */
  public record Derivation(Region region, Places places, List<FootprintSpec> footprints) {
    List<String> inputNames() {
      List<String> out = new java.util.ArrayList<>(List.of(region.input(), places.input()));
      footprints.forEach(f -> out.add(f.input()));
      return out;
    }
  }

  /** The input holding the counties, and the GEOIDs of St. Louis County and St. Louis city. */
  public record Region(String input, String countyGeoid, String cityCountyGeoid) {}

  /** The input holding the places (incorporated C*, CDPs U*), and the City's place GEOID. */
  public record Places(String input, String cityPlaceGeoid) {}

  /** A named planner footprint: one feature (by GEOID) of an input. */
  public record FootprintSpec(
      String id, String input, String geoid, String name, String description, String source) {}

  public static Manifest read(Path file) {
    try {
      return Json.snakeCase().readValue(file.toFile(), Manifest.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputDataException(file, "cannot read the manifest: " + e.getMessage(), e);
    }
  }
}
