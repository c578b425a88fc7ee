package org.patrolmap.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of patrolmap, for answers, stored reports, inputs and bodies: ISO
 * dates, nulls kept (a null says "unknown"), enums written by their id ({@code toString}). Variants
 * (pretty printing, bounded reading of request bodies, snake-case manifests) are derived from it
 * here, never configured elsewhere.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private static final ObjectMapper PRETTY =
      MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper PRETTY_SNAKE =
      PRETTY.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private Json() {}

  /** The value as compact UTF-8 JSON. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** The value as indented JSON text (reports for people and the database). */
  public static String pretty(Object value) {
    return text(PRETTY, value);
  }

  /**
   * The value as indented JSON text with snake_case member names (records such as the import
   * report).
   */
  public static String prettySnakeCase(Object value) {
    return text(PRETTY_SNAKE, value);
  }

  private static String text(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses JSON text that this program wrote (e.g. stored in the database). */
  public static JsonNode tree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON is invalid", e);
    }
  }

  /** A reader for files: the document must end where its value ends. */
  public static ObjectReader fileReader() {
    return MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A mapper for manifests and other snake_case documents read into records; unknown members are an
   * error.
   */
  public static ObjectMapper snakeCase() {
    return MAPPER
        .copy()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * A mapper for untrusted input that stops early: at most {@code maxDepth} levels of nesting,
   * numbers of at most 64 digits and strings of at most {@code maxStringChars}.
   */
  public static ObjectMapper bounded(int maxDepth, int maxStringChars) {
    ObjectMapper m = MAPPER.copy();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(64)
                .maxStringLength(maxStringChars)
                .build());
    return m;
  }
}
