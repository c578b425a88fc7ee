package org.patrolmap.attribute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.LonLat;
import org.patrolmap.json.Json;

/**
 * Attributes a GeoJSON FeatureCollection of Points, streaming: features are read one at a time and
 * written back as a FeatureCollection with the {@link Attributor#COLUMNS} added to each feature's
 * properties. A feature that is not a Point with a valid position, or has a bad date, gets status
 * {@code error} and the next is read; JSON that breaks off ends the collection with an error
 * feature. Dates come from the property {@code date_column} or one of {@link
 * CsvAttribution#DATE_NAMES}.
 */
public final class GeoJsonAttribution {
  private static final ObjectMapper MAPPER = Json.bounded(64, Options.MAX_RECORD_BYTES);

  private GeoJsonAttribution() {}

  /** Reads up to the start of the {@code features} array; a body without one is a 400. */
  public static Job open(InputStream in, Attributor attributor, Options opts) {
    try {
      JsonParser p = MAPPER.getFactory().createParser(in);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidValueException("body", "is not a GeoJSON FeatureCollection");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("features") && t == JsonToken.START_ARRAY) {
          return new Job(p, attributor, opts);
        }
        if (name.equals("type") && !"FeatureCollection".equals(p.getValueAsString())) {
          throw new InvalidValueException(
              "body", "is a GeoJSON " + p.getValueAsString() + ", not a FeatureCollection");
        }
        p.skipChildren();
      }
      throw new InvalidValueException("body", "has no features array");
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new InvalidValueException("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidValueException(
          "body",
          "could not be read: "
              + org.patrolmap.geo.Numbers.abbreviate(String.valueOf(e.getMessage())));
    }
  }

  /** An opened collection: positioned on its features. */
  public static final class Job {
    private final JsonParser parser;
    private final Attributor attributor;
    private final Options opts;

    private Job(JsonParser parser, Attributor attributor, Options opts) {
      this.parser = parser;
      this.attributor = attributor;
      this.opts = opts;
    }

    public Summary writeTo(OutputStream out, LongConsumer progress) throws IOException {
      Summary summary = new Summary();
      try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeArrayFieldStart("features");
        long n = 0;
        while (true) {
          JsonNode f;
          long line = parser.currentLocation().getLineNr();
          try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
              break;
            }
            f = MAPPER.readTree(parser);
          } catch (IOException e) {
            String why =
                "the input could not be read after feature "
                    + n
                    + " (line "
                    + line
                    + "): "
                    + (e instanceof com.fasterxml.jackson.core.JacksonException je
                        ? je.getOriginalMessage()
                        : String.valueOf(e.getMessage()));
            write(g, null, Attributor.error(null, why));
            summary.stoppedEarly(why);
            break;
          }
          n++;
          if (summary.rows() >= opts.maxRows()) {
            String why =
                "row limit of "
                    + opts.maxRows()
                    + " features reached: feature "
                    + n
                    + " and after were not read";
            write(g, null, Attributor.error(null, why));
            summary.stoppedEarly(why);
            break;
          }
          if (System.nanoTime() - opts.deadlineNanos() > 0) {
            String why = "time limit reached: feature " + n + " and after were not read";
            write(g, null, Attributor.error(null, why));
            summary.stoppedEarly(why);
            break;
          }
          List<String> added = attribute(f, n, line);
          write(g, f, added);
          summary.count(added.get(Attributor.STATUS), added.get(Attributor.PATROL_AGENCY));
          if (summary.rows() % CsvAttribution.PROGRESS_EVERY == 0) {
            progress.accept(summary.rows());
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      progress.accept(summary.rows());
      return summary;
    }

    private List<String> attribute(JsonNode f, long n, long line) {
      String where = "feature " + n + " (line " + line + ")";
      JsonNode geom = f.path("geometry");
      JsonNode c = geom.path("coordinates");
      if (!"Point".equals(geom.path("type").asText())
          || !c.isArray()
          || c.size() < 2
          || !c.get(0).isNumber()
          || !c.get(1).isNumber()) {
        return Attributor.error(null, where + ": not a GeoJSON Point feature with [lon, lat]");
      }
      try {
        LonLat p = new LonLat(c.get(0).asDouble(), c.get(1).asDouble());
        LocalDate d = opts.defaultDate();
        JsonNode props = f.path("properties");
        String dateKey = dateKey(props);
        if (dateKey != null && !props.get(dateKey).asText().isBlank()) {
          d = IsoDate.parseCell(dateKey, props.get(dateKey).asText());
        }
        return attributor.attribute(p, d, null);
      } catch (InvalidValueException e) {
        return Attributor.error(null, where + ", " + e.parameter() + ": " + e.problem());
      }
    }

    private String dateKey(JsonNode props) {
      if (!props.isObject()) {
        return null;
      }
      if (opts.dateColumn() != null) {
        return props.has(opts.dateColumn()) ? opts.dateColumn() : null;
      }
      Iterator<Map.Entry<String, JsonNode>> it = props.fields();
      while (it.hasNext()) {
        String k = it.next().getKey();
        if (CsvAttribution.DATE_NAMES.contains(k.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      return null;
    }

    private static void write(JsonGenerator g, JsonNode f, List<String> added) throws IOException {
      ObjectNode out = MAPPER.createObjectNode();
      out.put("type", "Feature");
      if (f != null && f.has("id")) {
        out.set("id", f.get("id"));
      }
      out.set("geometry", f == null ? null : f.get("geometry"));
      ObjectNode props = MAPPER.createObjectNode();
      if (f != null && f.path("properties").isObject()) {
        props.setAll((ObjectNode) f.get("properties"));
      }
      for (int i = 0; i < added.size(); i++) {
        props.put(Attributor.COLUMNS.get(i), added.get(i));
      }
      out.set("properties", props);
      MAPPER.writeTree(g, out);
    }
  }
}
