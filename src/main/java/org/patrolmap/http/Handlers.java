package org.patrolmap.http;

/** The handler objects the routes table binds; built by {@code App}. */
public record Handlers(SecurityHeaders headers, HealthHandler health, ApiRoutes api, AdminRoutes admin) {}
