package org.patrolmap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.Numbers;
import org.patrolmap.json.Json;

/**
 * A small JSON object body (a form sent as {@code application/json}) read within its own size
 * limit, with its members checked against a fixed list: 415 for another content type, 413 over
 * {@code maxBytes}, 400 naming the problem for malformed JSON, a non-object, an unknown member or a
 * member that is not a string, number or null.
 */
public final class JsonBody {
  private final int maxBytes;
  private final Set<String> members;
  private final ObjectMapper mapper;

  public JsonBody(int maxBytes, Set<String> members) {
    this.maxBytes = maxBytes;
    this.members = Set.copyOf(members);
    this.mapper = Json.bounded(4, maxBytes);
  }

  /** Reads and checks the body of {@code ctx}. */
  public JsonNode read(Context ctx) {
    String ct = ctx.contentType();
    if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith(ContentTypes.JSON)) {
      throw new ApiError(
          415,
          "unsupported_media_type",
          "Send the body as application/json",
          Map.of("content_type", ct == null ? "none" : Numbers.abbreviate(ct)));
    }
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge();
    }
    return parse(Limits.body(ctx, maxBytes));
  }

  /** Where the parser stopped, as " at line L, column C" (empty when it does not say). */
  static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** Parses and checks a body already read. */
  public JsonNode parse(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException("body", "is not valid JSON" + where(e));
    } catch (IOException e) {
      throw new InvalidValueException("body", "cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidValueException("body", "must be a JSON object");
    }
    Set<String> unknown = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!members.contains(e.getKey())) {
        unknown.add(Numbers.abbreviate(e.getKey()));
      } else if (!(e.getValue().isTextual() || e.getValue().isNumber() || e.getValue().isNull())) {
        throw new InvalidValueException(e.getKey(), "must be a string, a number or null");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiError(
          400,
          "unknown_field",
          "Unknown field '" + unknown.iterator().next() + "'",
          Map.of("unknown", unknown, "allowed", new TreeSet<>(members)));
    }
    return root;
  }

  private ApiError tooLarge() {
    return new ApiError(
        413, "payload_too_large", "Request body too large", Map.of("max_bytes", maxBytes));
  }
}
