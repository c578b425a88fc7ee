package org.patrolmap.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One difference between a dataset and the one it replaced: a service (who patrols, dispatches,
 * keeps records), an agency, an agency's contact details or an area's boundary was added, ended,
 * changed, removed or redrawn.
 *
 * @param id the change's number in the log (0 before it is stored)
 * @param subject {@code service}, {@code agency}, {@code contact} or {@code area}
 * @param kind {@code added}, {@code ended}, {@code changed}, {@code removed} or {@code redrawn}
 * @param subjectId the id of the service, agency or area
 * @param agencyIds the agencies concerned (before and after), for filtering
 * @param function {@code patrol}, {@code dispatch} or {@code records} for a service, else null
 * @param effective the date the change takes effect in the world (a service's start or end), or
 *     null when the sources give none
 * @param title one line in plain words
 * @param details what changed: {@code {field: {before, after}}} and similar
 * @param sources the sources of the new state (or of the old one for a removal)
 */
public record Change(
    long id,
    long datasetId,
    long previousDatasetId,
    Instant importedAt,
    String subject,
    String kind,
    String subjectId,
    String areaId,
    String areaName,
    List<String> agencyIds,
    String function,
    LocalDate effective,
    String title,
    Map<String, Object> details,
    List<Source> sources) {}
