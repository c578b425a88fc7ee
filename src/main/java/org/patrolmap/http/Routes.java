package org.patrolmap.http;

import java.util.List;

/**
 * A face of the service ({@code /api}, {@code /admin}, {@code /ogc}, health) contributing rows to
 * the one route table.
 */
public interface Routes {
  List<Route> routes();
}
