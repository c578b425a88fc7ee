package org.patrolmap.geocode;

/** One address match: a label, its position and how it matched. */
public record Candidate(String label, double lon, double lat, String match) {}
