package org.patrolmap.model;

/** A cited public source; {@code date} is ISO, possibly only YYYY or YYYY-MM, or null. */
public record Source(
    String id, String title, String publisher, String url, String date, String note) {}
