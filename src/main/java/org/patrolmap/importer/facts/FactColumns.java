package org.patrolmap.importer.facts;

import java.util.List;

/**
 * The columns of each fact table in {@code data/}, in file order: read by {@link FactTables},
 * written by {@link CorrectionExport}, documented in {@code data/README.md}.
 */
final class FactColumns {
  static final List<String> SOURCES = List.of("id", "title", "publisher", "url", "date", "note");

  static final List<String> AGENCIES =
      List.of(
          "id",
          "name",
          "kind",
          "phone",
          "address",
          "website",
          "accreditation",
          "accreditation_date",
          "source_ids",
          "note");

  static final List<String> SERVICES =
      List.of(
          "id",
          "area_geoid",
          "area_name",
          "function",
          "agency_id",
          "arrangement",
          "valid_from",
          "valid_to",
          "confidence",
          "source_ids",
          "note");

  static final List<String> CONTACTS =
      List.of(
          "id",
          "agency_id",
          "kind",
          "value",
          "valid_from",
          "valid_to",
          "confidence",
          "source_ids",
          "as_printed",
          "note");

  static final List<String> RULES =
      List.of(
          "id",
          "applies_to",
          "function",
          "agency_id",
          "arrangement",
          "confidence",
          "source_ids",
          "note");

  private FactColumns() {}
}
