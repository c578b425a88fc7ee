package org.patrolmap.model;

import java.time.Instant;
import java.util.Map;

/**
 * The metadata of one import served from memory: its id, when it finished and what it counted
 * (areas, agencies, …).
 */
public record DatasetInfo(long id, Instant importedAt, Map<String, Long> counts) {}
