package org.patrolmap.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Query parameter checks shared by every endpoint: unknown or repeated parameters are a 400. */
public final class Params {
  private Params() {}

  /** Throws a 400 naming every query parameter not in {@code allowed}, or given more than once. */
  public static void allow(Context ctx, Set<String> allowed) {
    Map<String, List<String>> q = ctx.queryParamMap();
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        unknown.add(e.getKey());
      } else if (e.getValue().size() > 1) {
        throw ApiError.badRequest(e.getKey(), "given more than once");
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new ApiError(
          400,
          "unknown_parameter",
          "Unknown query parameter '" + abbreviate(first) + "'",
          Map.of(
              "unknown",
              unknown.stream().map(Params::abbreviate).toList(),
              "allowed",
              new TreeSet<>(allowed)));
    }
  }

  private static String abbreviate(String s) {
    return org.patrolmap.geo.Numbers.abbreviate(s);
  }
}
