package org.patrolmap.ogc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.patrolmap.http.ContentTypes;
import org.patrolmap.layers.Layer;
import org.patrolmap.layers.Layers;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Service;

/**
 * The JSON documents describing the data: the landing page, the conformance declaration and the
 * collections — one per layer of {@link Layers#REGISTRY}, with spatial extent (CRS84, from the
 * layer as of today) and temporal extent (from the earliest cited start of the collection's
 * services, open-ended).
 */
final class CollectionDocs {
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final String GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
          "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
          "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
          "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
          "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
          "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
          "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions");
  static final String TITLE = "patrolmap: police coverage of St. Louis City and County";
  static final String DESCRIPTION =
      "Who patrols, who dispatches 911 police calls and who holds the police contract "
          + "for every part of St. Louis City and St. Louis County (Missouri), on any date, with sources. "
          + "OGC API - Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) Part 2 (CRS by reference) and Part 3 (filtering with CQL2).";

  private CollectionDocs() {}

  static Map<String, Object> landing(String base, String type) {
    String ogc = base + OgcRoutes.ROOT;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", TITLE);
    m.put("description", DESCRIPTION);
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(Links.link(ogc, "self", type, "This document"));
    links.addAll(Links.alternates(ogc, type, MediaTypes.DOCUMENTS));
    links.addAll(
        List.of(
            Links.link(
                ogc + "/api",
                "service-desc",
                ContentTypes.OPENAPI,
                "The API definition (OpenAPI 3.0)"),
            Links.link(ogc + "/docs", "service-doc", ContentTypes.HTML, "The API documentation"),
            Links.link(
                ogc + "/conformance",
                "conformance",
                ContentTypes.JSON,
                "Conformance classes implemented by this server"),
            Links.link(
                ogc + "/collections", "data", ContentTypes.JSON, "The feature collections")));
    m.put("links", links);
    return m;
  }

  static Map<String, Object> conformance() {
    return Map.of("conformsTo", CONFORMANCE);
  }

  static Map<String, Object> collections(String base, String type, Dataset d, List<Layer> today) {
    String ogc = base + OgcRoutes.ROOT;
    List<Map<String, Object>> list = new ArrayList<>();
    for (Layer l : today) {
      list.add(collection(base, ContentTypes.JSON, d, l, false));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(Links.link(ogc + "/collections", "self", type, "The feature collections"));
    links.addAll(Links.alternates(ogc + "/collections", type, MediaTypes.DOCUMENTS));
    m.put("links", links);
    m.put("collections", list);
    return m;
  }

  /**
   * One collection's description; {@code self} is true when it is the answer itself (its self link
   * then carries {@code type}).
   */
  static Map<String, Object> collection(
      String base, String type, Dataset d, Layer today, boolean self) {
    String ogc = base + OgcRoutes.ROOT;
    Layers.Info info = Layers.info(today.id()).orElseThrow();
    String href = ogc + "/collections/" + info.id();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", info.id());
    m.put("title", info.title());
    m.put(
        "description",
        info.description()
            + (info.dated()
                ? " Dated: use datetime to see the coverage as of a date (default today)."
                : " Current boundaries (not dated)."));
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(
        Links.link(
            href, self ? "self" : "collection", self ? type : ContentTypes.JSON, info.title()));
    if (self) {
      links.addAll(Links.alternates(href, type, MediaTypes.DOCUMENTS));
    }
    links.addAll(
        List.of(
            Links.link(
                href + "/items",
                "items",
                ContentTypes.GEOJSON,
                info.title() + " as GeoJSON features"),
            Links.link(
                href + "/queryables",
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                ItemsHandlers.SCHEMA_JSON,
                "The properties filters may name (JSON Schema)"),
            Links.link(
                base + "/api/layers/" + info.id(),
                "enclosure",
                ContentTypes.GEOJSON,
                "The whole layer as one GeoJSON download (as of today)")));
    m.put("links", links);
    Map<String, Object> extent = new LinkedHashMap<>();
    Envelope e = today.extent();
    if (e != null) {
      extent.put(
          "spatial",
          Map.of(
              "bbox",
              List.of(List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY())),
              "crs",
              CRS84));
    }
    LocalDate start = info.dated() ? earliestStart(d, startsOf(info.id())) : null;
    extent.put(
        "temporal",
        Map.of(
            "interval",
            List.of(Arrays.asList(start == null ? null : start + "T00:00:00Z", null)),
            "trs",
            GREGORIAN));
    m.put("extent", extent);
    m.put("itemType", "feature");
    m.put("crs", Crs.uris());
    m.put("storageCrs", CRS84);
    return m;
  }

  private static Predicate<Service> startsOf(String collectionId) {
    return switch (collectionId) {
      case "contracts" -> Service::isContract;
      case "nena-psap" -> s -> s.function().id().equals("dispatch"); // NENA views of these two
      case "nena-police" -> s -> s.function().id().equals("patrol");
      default -> s -> s.function().id().equals(collectionId);
    };
  }

  /**
   * The earliest {@code valid_from} among the services a collection shows, or null when none has
   * one.
   */
  static LocalDate earliestStart(Dataset d, Predicate<Service> which) {
    LocalDate min = null;
    for (String area : d.areas().keySet()) {
      for (Service s : d.history(area)) {
        if (which.test(s)
            && s.validFrom() != null
            && (min == null || s.validFrom().isBefore(min))) {
          min = s.validFrom();
        }
      }
    }
    return min;
  }
}
