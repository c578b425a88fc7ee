package org.patrolmap.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.patrolmap.AppConfig;
import org.patrolmap.importer.Fetcher;
import org.patrolmap.importer.Importer;
import org.patrolmap.importer.Manifest;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetWriter;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * Imports while the shared test server is under load: lookups and layer downloads from four threads
 * while an import swaps the dataset. Every answer is 200, carries X-Dataset-Id, and is wholly from
 * that dataset (lookup body {@code dataset.id}, every feature's {@code dataset} in the areas
 * layer). A failed import (broken services.csv) leaves the served dataset byte-identical: same
 * X-Dataset-Id, same layer ETags and bytes.
 */
class ImportUnderLoadIT {
  private static final String[] LAYERS = {
    "/api/layers/areas",
    "/api/layers/patrol?date=2020-01-01",
    "/api/layers/footprints",
    "/api/layers/contracts?date=2016-06-01"
  };

  @TempDir Path tmp;

  @Test
  void importDuringLoadServesWhollyOldOrWhollyNewAndNothingFails() throws Exception {
    TestServer ts = TestServer.get();
    String base = ts.baseUrl();
    long before = datasetId(TestHttp.get(base + "/api/config"));
    Point p = ts.running().datasets().current().areas().get("2923986").geom().getInteriorPoint();
    String lookup = base + "/api/lookup?lon=" + p.getX() + "&lat=" + p.getY();

    Map<Long, LongAdder> byDataset = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      boolean layers = t % 2 == 1;
      Thread w =
          new Thread(
              () -> {
                int i = 0;
                while (!stop.get() && problems.size() < 20) {
                  String url =
                      layers
                          ? (i++ % 2 == 0
                              ? base + "/api/layers/areas"
                              : base + "/api/layers/patrol?date=2020-01-01")
                          : lookup;
                  try {
                    HttpResponse<byte[]> r = TestHttp.get(url);
                    String problem = consistency(url, r);
                    if (problem != null) {
                      problems.add(problem);
                    } else {
                      byDataset.computeIfAbsent(datasetId(r), k -> new LongAdder()).increment();
                    }
                  } catch (RuntimeException e) {
                    problems.add(url + " failed: " + e);
                  }
                }
              },
              "load-" + t);
      w.start();
      load.add(w);
    }
    long after;
    StringWriter out = new StringWriter();
    try (Database db = Database.open(ts.appConfig().dbUrl(), 2)) {
      Thread.sleep(300);
      after = ts.importer(db, new PrintWriter(out, true)).run(TestServer.QA_DATE);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (datasetId(TestHttp.get(base + "/api/config")) != after
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(500); // keep the load on the new dataset for a moment
    } finally {
      stop.set(true);
      for (Thread w : load) {
        w.join();
      }
    }
    Map<Long, Long> counts = new TreeMap<>();
    byDataset.forEach((k, v) -> counts.put(k, v.sum()));
    System.out.println(
        "import-under-load datasets old="
            + before
            + " new="
            + after
            + " responses_by_dataset="
            + counts
            + " failures="
            + problems.size());
    assertTrue(problems.isEmpty(), () -> "failed or mixed responses: " + problems);
    assertNotEquals(before, after);
    assertTrue(
        counts.getOrDefault(before, 0L) > 0,
        "answers from the old dataset during the import: " + counts);
    assertTrue(
        counts.getOrDefault(after, 0L) > 0,
        "answers from the new dataset after the swap: " + counts);
    assertTrue(
        counts.keySet().stream().allMatch(id -> id == before || id == after),
        "only the old or the new dataset: " + counts);
  }

  @Test
  void failedImportLeavesTheServedDatasetByteIdentical() throws Exception {
    TestServer ts = TestServer.get();
    String base = ts.baseUrl();
    AppConfig cfg = ts.appConfig();
    Map<String, String> before = fingerprints(base);
    Path data = Files.createDirectories(tmp.resolve("data"));
    for (String f : List.of("agencies.csv", "sources.csv", "services.csv", "rules.csv")) {
      Files.copy(cfg.dataDir().resolve(f), data.resolve(f));
    }
    Files.writeString(
        data.resolve("services.csv"),
        "broken-row,2903160,Ballwin,patrol\n",
        java.nio.file.StandardOpenOption.APPEND);
    try (Database db = Database.open(cfg.dbUrl(), 2)) {
      Importer broken =
          new Importer(
              new DatasetWriter(db),
              new Fetcher(cfg.cacheDir(), cfg.dataMirror()),
              Manifest.read(cfg.shapefilesDir().resolve("sources.json")),
              data,
              new PrintWriter(new StringWriter()),
              false);
      RuntimeException e =
          assertThrows(RuntimeException.class, () -> broken.run(TestServer.QA_DATE));
      assertTrue(e.getMessage().contains("services.csv"), e.getMessage());
    }
    Thread.sleep(2_500); // two reload periods: a swap, had there been one, would be served by now
    Map<String, String> after = fingerprints(base);
    assertEquals(before, after, "dataset id, layer ETags and bytes after the failed import");
  }

  /**
   * Null when the answer is a 200 wholly from the dataset in its X-Dataset-Id header; else the
   * problem.
   */
  private static String consistency(String url, HttpResponse<byte[]> r) {
    if (r.statusCode() != 200) {
      return url + " answered " + r.statusCode();
    }
    if (r.headers().firstValue("X-Dataset-Id").isEmpty()) {
      return url + " has no X-Dataset-Id";
    }
    long id = datasetId(r);
    JsonNode body = TestHttp.json(r);
    if (url.contains("/api/lookup") && body.path("dataset").path("id").asLong() != id) {
      return url + ": body dataset " + body.path("dataset").path("id") + " but header " + id;
    }
    if (url.contains("/layers/areas")) {
      for (JsonNode f : body.path("features")) {
        if (f.path("properties").path("dataset").asLong() != id) {
          return url
              + ": feature "
              + f.path("id")
              + " from dataset "
              + f.path("properties").path("dataset")
              + " in a response of "
              + id;
        }
      }
    }
    return null;
  }

  private static long datasetId(HttpResponse<byte[]> r) {
    return Long.parseLong(r.headers().firstValue("X-Dataset-Id").orElse("-1"));
  }

  private static Map<String, String> fingerprints(String base) throws Exception {
    Map<String, String> m = new TreeMap<>();
    m.put("X-Dataset-Id", Long.toString(datasetId(TestHttp.get(base + "/api/config"))));
    for (String layer : LAYERS) {
      HttpResponse<byte[]> r = TestHttp.get(base + layer);
      m.put(layer + " etag", r.headers().firstValue("ETag").orElse("none"));
      m.put(
          layer + " sha256",
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())));
    }
    return m;
  }
}
