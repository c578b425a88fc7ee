package org.patrolmap.api;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.patrolmap.AppConfig;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.http.BaseUrl;
import org.patrolmap.http.Params;
import org.patrolmap.json.Json;
import org.patrolmap.model.Change;
import org.patrolmap.model.ChangeLog;
import org.patrolmap.model.Source;

/**
 * {@code GET /api/changes[?area=&agency=&limit=&before=&format=json|atom]}: what each import
 * changed, newest first, as a JSON Feed 1.1 (default) or an Atom feed ({@code format=atom} or
 * {@code Accept: application/atom+xml}). Paged by a cursor: {@code next_url} (JSON Feed) or the
 * {@code rel="next"} link (Atom) asks for the changes before the last one shown.
 */
final class ChangesHandler {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final String ATOM = "application/atom+xml";
  static final String JSON_FEED = "application/feed+json";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  static final Set<String> PARAMS = Set.of("area", "agency", "limit", "before", "format");

  private final AppConfig config;
  private final ChangeLog log;

  ChangesHandler(AppConfig config, ChangeLog log) {
    this.config = config;
    this.log = log;
  }

  void handle(Context ctx) {
    Params.allow(ctx, PARAMS);
    String area = id(ctx, "area");
    String agency = id(ctx, "agency");
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Long before =
        ctx.queryParam("before") == null
            ? null
            : (long) intParam(ctx, "before", 0, 1, Integer.MAX_VALUE);
    boolean atom = atom(ctx);
    List<Change> page = log.changes(new ChangeLog.Query(area, agency, before, limit));
    boolean more = page.size() > limit;
    List<Change> items = more ? page.subList(0, limit) : page;
    String base = BaseUrl.of(ctx, config);
    String self = base + "/api/changes" + query(area, agency, limit, before, atom);
    String next =
        more
            ? base + "/api/changes" + query(area, agency, limit, items.get(limit - 1).id(), atom)
            : null;
    ctx.header("Vary", "Accept");
    ctx.header("Cache-Control", "public, max-age=60");
    if (atom) {
      ctx.contentType(ATOM + "; charset=utf-8").result(atom(base, self, next, items));
    } else {
      ctx.contentType(JSON_FEED + "; charset=utf-8")
          .result(Json.bytes(jsonFeed(base, self, next, items)));
    }
  }

  private static boolean atom(Context ctx) {
    String f = ctx.queryParam("format");
    if (f != null) {
      if (!f.equals("json") && !f.equals("atom")) {
        throw new InvalidValueException("format", "must be json or atom");
      }
      return f.equals("atom");
    }
    String accept = ctx.header("Accept");
    return accept != null && accept.contains(ATOM) && !accept.contains("json");
  }

  private static String id(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v != null && !ID.matcher(v).matches()) {
      throw new InvalidValueException(name, "must be an id of lower-case letters, digits and '-'");
    }
    return v;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    if (!v.matches("\\d{1,10}")) {
      throw new InvalidValueException(name, "must be a whole number");
    }
    long n = Long.parseLong(v);
    if (n < min || n > max) {
      throw new InvalidValueException(name, "must be between " + min + " and " + max);
    }
    return (int) n;
  }

  private static String query(String area, String agency, int limit, Long before, boolean atom) {
    List<String> q = new ArrayList<>();
    if (area != null) {
      q.add("area=" + area);
    }
    if (agency != null) {
      q.add("agency=" + agency);
    }
    if (limit != DEFAULT_LIMIT) {
      q.add("limit=" + limit);
    }
    if (before != null) {
      q.add("before=" + before);
    }
    if (atom) {
      q.add("format=atom");
    }
    return q.isEmpty() ? "" : "?" + String.join("&", q);
  }

  /** The page as a JSON Feed 1.1 document; patrolmap's own members are under {@code _patrolmap}. */
  static Map<String, Object> jsonFeed(String base, String self, String next, List<Change> items) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "https://jsonfeed.org/version/1.1");
    m.put("title", "patrolmap: what changed");
    m.put("home_page_url", base + "/");
    m.put("feed_url", self);
    if (next != null) {
      m.put("next_url", next);
    }
    m.put(
        "description",
        "Differences between successive imports of who patrols, dispatches and holds contracts in"
            + " St. Louis City and County: services and contacts added, ended, changed; areas redrawn.");
    m.put("language", "en-US");
    List<Map<String, Object>> list = new ArrayList<>();
    for (Change c : items) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", itemId(base, c));
      e.put("url", link(base, c));
      e.put("title", c.title());
      e.put("content_text", text(c));
      e.put("date_published", c.importedAt());
      List<String> tags = new ArrayList<>(List.of(c.subject(), c.kind()));
      if (c.function() != null) {
        tags.add(c.function());
      }
      e.put("tags", tags);
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("change", c.id());
      x.put("dataset", c.datasetId());
      x.put("previous_dataset", c.previousDatasetId());
      x.put("subject", c.subject());
      x.put("kind", c.kind());
      x.put("subject_id", c.subjectId());
      Map<String, Object> area = null;
      if (c.areaId() != null) {
        area = new LinkedHashMap<>();
        area.put("id", c.areaId());
        area.put("name", c.areaName());
      }
      x.put("area", area);
      x.put("agencies", c.agencyIds());
      x.put("function", c.function());
      x.put("effective", c.effective());
      x.put("details", c.details());
      x.put("sources", Views.sources(c.sources()));
      e.put("_patrolmap", x);
      list.add(e);
    }
    m.put("items", list);
    return m;
  }

  private static String itemId(String base, Change c) {
    return base + "/api/changes#" + c.id();
  }

  private static String link(String base, Change c) {
    if (c.areaId() != null) {
      return base + "/api/areas/" + c.areaId();
    }
    if (!c.agencyIds().isEmpty()) {
      return base + "/api/agencies/" + c.agencyIds().get(0);
    }
    return base + "/api/changes";
  }

  /** The entry in plain words: title, effective date, dataset, sources. */
  static String text(Change c) {
    StringBuilder b = new StringBuilder(c.title()).append('.');
    if (c.effective() != null) {
      b.append(" Effective ").append(c.effective()).append('.');
    }
    b.append(" Dataset ")
        .append(c.datasetId())
        .append(" (previous ")
        .append(c.previousDatasetId())
        .append(").");
    if (!c.sources().isEmpty()) {
      b.append(" Sources: ");
      for (int i = 0; i < c.sources().size(); i++) {
        Source s = c.sources().get(i);
        b.append(i == 0 ? "" : "; ").append(s.title());
        if (s.url() != null) {
          b.append(" <").append(s.url()).append('>');
        }
      }
      b.append('.');
    }
    return b.toString();
  }

  /** The page as an Atom 1.0 (RFC 4287) document. */
  static byte[] atom(String base, String self, String next, List<Change> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w =
          XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("feed");
      w.writeDefaultNamespace("http://www.w3.org/2005/Atom");
      element(w, "id", base + "/api/changes");
      element(w, "title", "patrolmap: what changed");
      Instant updated = items.isEmpty() ? Instant.EPOCH : items.get(0).importedAt();
      element(w, "updated", String.valueOf(updated));
      link(w, "self", self, ATOM);
      link(w, "alternate", base + "/", "text/html");
      if (next != null) {
        link(w, "next", next, ATOM);
      }
      w.writeStartElement("author");
      element(w, "name", "patrolmap");
      w.writeEndElement();
      for (Change c : items) {
        w.writeStartElement("entry");
        element(w, "id", itemId(base, c));
        element(w, "title", c.title());
        element(w, "updated", String.valueOf(c.importedAt()));
        link(w, "alternate", link(base, c), "application/json");
        for (Source s : c.sources()) {
          if (s.url() != null) {
            w.writeEmptyElement("link");
            w.writeAttribute("rel", "related");
            w.writeAttribute("href", s.url());
            w.writeAttribute("title", s.title());
          }
        }
        category(w, c.subject());
        category(w, c.kind());
        if (c.function() != null) {
          category(w, c.function());
        }
        w.writeStartElement("content");
        w.writeAttribute("type", "text");
        w.writeCharacters(text(c));
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the Atom feed", e);
    }
    return out.toByteArray();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private static void link(XMLStreamWriter w, String rel, String href, String type)
      throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("href", href);
    w.writeAttribute("type", type);
  }

  private static void category(XMLStreamWriter w, String term) throws XMLStreamException {
    w.writeEmptyElement("category");
    w.writeAttribute("term", term);
  }
}
