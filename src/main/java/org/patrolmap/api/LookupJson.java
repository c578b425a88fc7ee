package org.patrolmap.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.patrolmap.json.Json;
import org.patrolmap.layers.Shapes;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.model.RoleAnswer;

/**
 * Writes the {@code /api/lookup} answer from JSON pieces serialized once per dataset, area and date
 * (the area and its patrol, dispatch and contracts answers), so a request only serializes its query
 * and distances. The bytes are exactly those of the plain Map rendering built from {@link Views}
 * (checked by {@code LookupJsonIT}); the pieces of one dataset are kept, bounded, until the dataset
 * changes.
 */
final class LookupJson {
  /**
   * Most (area, date) pieces kept; beyond, the cache starts again (dates are chosen by clients).
   */
  static final int MAX_ENTRIES = 4096;

  private record Key(String areaId, LocalDate date) {}

  private record Pieces(
      byte[] area, byte[] patrol, byte[] dispatch, byte[] contracts, byte[] call) {}

  private record Cache(long datasetId, byte[] datasetRef, Map<Key, Pieces> pieces) {}

  private volatile Cache cache = new Cache(Long.MIN_VALUE, new byte[0], Map.of());

  byte[] write(
      Dataset d, double lon, double lat, LocalDate date, Area a, List<LookupIndex.Nearby> near) {
    Cache c = cacheFor(d);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("lon", lon);
    q.put("lat", lat);
    q.put("date", date);
    Pieces p = pieces(c, d, a, date);
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    put(out, "{\"query\":", Json.bytes(q));
    put(out, ",\"dataset\":", c.datasetRef());
    put(out, ",\"area\":", p.area());
    put(out, ",\"patrol\":", p.patrol());
    put(out, ",\"dispatch\":", p.dispatch());
    put(out, ",\"contracts\":", p.contracts());
    put(out, ",\"call\":", p.call());
    ascii(out, ",\"near_boundary\":[");
    for (int i = 0; i < near.size(); i++) {
      LookupIndex.Nearby n = near.get(i);
      Pieces np = pieces(c, d, n.area(), date);
      put(out, i == 0 ? "{\"area\":" : ",{\"area\":", np.area());
      put(out, ",\"distance_m\":", Json.bytes(Math.round(n.distanceM() * 10) / 10.0));
      put(out, ",\"patrol\":", np.patrol());
      put(out, ",\"dispatch\":", np.dispatch());
      ascii(out, "}");
    }
    ascii(out, "]}");
    return out.toByteArray();
  }

  private Cache cacheFor(Dataset d) {
    Cache c = cache;
    if (c.datasetId() != d.id()) {
      c = new Cache(d.id(), Json.bytes(Views.datasetRef(d)), new ConcurrentHashMap<>());
      cache = c;
    }
    return c;
  }

  private static Pieces pieces(Cache c, Dataset d, Area a, LocalDate date) {
    Key k = new Key(a.id(), date);
    Pieces p = c.pieces().get(k);
    if (p == null) {
      RoleAnswer patrol = d.role(a, Function.PATROL, date);
      RoleAnswer dispatch = d.role(a, Function.DISPATCH, date);
      p =
          new Pieces(
              Json.bytes(Shapes.area(a)),
              Json.bytes(Views.role(d, patrol, date)),
              Json.bytes(Views.role(d, dispatch, date)),
              Json.bytes(d.contracts(a, date).stream().map(s -> Views.contract(d, s)).toList()),
              Json.bytes(Views.call(d, patrol, dispatch, date)));
      if (c.pieces().size() >= MAX_ENTRIES) {
        c.pieces().clear();
      }
      c.pieces().put(k, p);
    }
    return p;
  }

  private static void put(ByteArrayOutputStream out, String prefix, byte[] json) {
    ascii(out, prefix);
    out.writeBytes(json);
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
