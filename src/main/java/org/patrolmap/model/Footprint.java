package org.patrolmap.model;

import org.locationtech.jts.geom.Geometry;

/** A named planner polygon, such as {@code normandy-24-1}. */
public record Footprint(
    String id, String name, String description, String source, double areaM2, Geometry geom) {}
