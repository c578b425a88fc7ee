package org.patrolmap.http;

import org.patrolmap.admin.AdminRoutes;
import org.patrolmap.api.ApiRoutes;
import org.patrolmap.api.HealthHandler;

import io.javalin.Javalin;
import java.util.function.Consumer;

/**
 * The handler objects the routes table binds; built by {@code App}.
 *
 * @param ogc registers the {@code /ogc} routes (OGC API – Features), wired by {@code App} so that
 *     this package does not depend on {@code ogc}
 */
public record Handlers(SecurityHeaders headers, HealthHandler health, ApiRoutes api, AdminRoutes admin,
    Consumer<Javalin> ogc) {}
