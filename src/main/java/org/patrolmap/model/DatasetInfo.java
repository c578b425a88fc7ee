package org.patrolmap.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The metadata of one import: when, from which inputs, what it counted and its QA report. */
public record DatasetInfo(long id, Instant importedAt, JsonNode inputs, JsonNode counts, JsonNode qa) {}
