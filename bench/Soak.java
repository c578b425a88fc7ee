import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak load of bench/soak.sh: a bounded mixed load (lookups, layer downloads with ETag/gzip,
 * bbox filters, footprint overlays JSON/CSV, uploaded-polygon overlays, catalog, health, and OGC
 * items when the server has /ogc) from a fixed number of threads at a capped total rate, for a
 * fixed time, against one local server. Prints a progress line every 30 s and a final
 * "soak-result" line; exits 1 when any 5xx or transport error occurred.
 *
 * <p>Run with the JDK's single-file launcher: {@code java bench/Soak.java BASE_URL SECONDS THREADS RPS}.
 */
public final class Soak {
  static final String[] LAYERS = {"areas", "patrol", "dispatch", "contracts", "footprints"};
  static final String[] DATES = {"2010-01-01", "2016-06-01", "2020-01-01", "2024-07-01", "2026-11-22"};
  static final String POLYGON = "{\"type\":\"Polygon\",\"coordinates\":[[[-90.30,38.70],[-90.25,38.70],[-90.25,38.74],[-90.30,38.74],[-90.30,38.70]]]}";

  public static void main(String[] args) throws Exception {
    String base = args[0];
    long seconds = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    double rps = Double.parseDouble(args[3]);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> collections = client.send(HttpRequest.newBuilder(URI.create(base + "/ogc/collections"))
        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    List<String> ogcCollections = new ArrayList<>();
    if (collections.statusCode() == 200) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"").matcher(collections.body());
      while (m.find()) {
        ogcCollections.add(m.group(1));
      }
    }
    boolean ogc = !ogcCollections.isEmpty();
    Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    Map<String, String> firstBad = new ConcurrentHashMap<>();
    LongAdder total = new LongAdder();
    AtomicLong maxMillis = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long intervalNanos = (long) (threads * 1e9 / rps);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Random rnd = new Random(t * 7919L + 1);
      Thread w = new Thread(() -> {
        String etag = null;
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
          int pick = rnd.nextInt(100);
          HttpRequest.Builder b;
          String kind;
          if (pick < 45) {
            kind = "lookup";
            double lon = -90.74 + rnd.nextDouble() * 0.56;
            double lat = 38.38 + rnd.nextDouble() * 0.52;
            b = HttpRequest.newBuilder(URI.create(String.format(java.util.Locale.ROOT, "%s/api/lookup?lon=%.6f&lat=%.6f%s",
                base, lon, lat, rnd.nextBoolean() ? "" : "&date=" + DATES[rnd.nextInt(DATES.length)])));
          } else if (pick < 65) {
            kind = "layer";
            String layer = LAYERS[rnd.nextInt(LAYERS.length)];
            String q = rnd.nextInt(3) == 0 ? "?bbox=-90.4,38.6,-90.2,38.8&date=" + DATES[rnd.nextInt(DATES.length)]
                : "?date=" + DATES[rnd.nextInt(DATES.length)];
            b = HttpRequest.newBuilder(URI.create(base + "/api/layers/" + layer + q)).header("Accept-Encoding", "gzip");
            if (etag != null && rnd.nextBoolean()) {
              b.header("If-None-Match", etag);
            }
          } else if (pick < 75) {
            kind = "overlay";
            b = HttpRequest.newBuilder(URI.create(base + "/api/footprints/normandy-24-1/overlay?date="
                + DATES[rnd.nextInt(DATES.length)] + (rnd.nextBoolean() ? "&format=csv" : "")));
          } else if (pick < 82) {
            kind = "overlay_post";
            b = HttpRequest.newBuilder(URI.create(base + "/api/overlay")).header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(POLYGON));
          } else if (pick < 92 && ogc) {
            kind = "ogc_items";
            String coll = ogcCollections.get(rnd.nextInt(ogcCollections.size()));
            b = HttpRequest.newBuilder(URI.create(base + "/ogc/collections/" + coll + "/items?limit=" + (1 + rnd.nextInt(50))
                + "&offset=" + rnd.nextInt(100)));
          } else if (pick < 97) {
            kind = "catalog";
            b = HttpRequest.newBuilder(URI.create(base + (rnd.nextBoolean() ? "/api/areas/2923986" : "/api/agencies")));
          } else {
            kind = "health";
            b = HttpRequest.newBuilder(URI.create(base + "/health"));
          }
          long t0 = System.nanoTime();
          String status;
          try {
            HttpResponse<byte[]> res = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            status = Integer.toString(res.statusCode());
            if (kind.equals("layer") && res.statusCode() == 200) {
              etag = res.headers().firstValue("ETag").orElse(null);
            }
            if (res.statusCode() >= 500) {
              firstBad.putIfAbsent(kind + " " + status, new String(res.body(), StandardCharsets.UTF_8));
            }
          } catch (Exception e) {
            status = "error";
            firstBad.putIfAbsent(kind + " error", e.toString());
          }
          maxMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
          byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
          byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
          total.increment();
          next += intervalNanos;
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            try {
              Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
              return;
            }
          } else if (sleep < -1_000_000_000L) {
            next = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
          }
        }
      }, "soak-" + t);
      w.start();
      workers.add(w);
    }
    long started = System.nanoTime();
    while (workers.stream().anyMatch(Thread::isAlive)) {
      for (Thread w : workers) {
        w.join(30_000);
        if (w.isAlive()) {
          break;
        }
      }
      System.out.printf(java.util.Locale.ROOT, "soak-progress t=%ds requests=%d statuses=%s%n",
          (System.nanoTime() - started) / 1_000_000_000L, total.sum(), snapshot(byStatus));
    }
    long fivexx = byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("5") || e.getKey().equals("error"))
        .mapToLong(e -> e.getValue().sum()).sum();
    double secs = (System.nanoTime() - started) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "soak-result seconds=%.0f requests=%d rps=%.1f ogc_collections=%s 5xx_or_error=%d max_ms=%d statuses=%s kinds=%s%n",
        secs, total.sum(), total.sum() / secs, ogcCollections, fivexx, maxMillis.get(), snapshot(byStatus), snapshot(byKind));
    firstBad.forEach((k, v) -> System.out.println("soak-first-failure " + k + ": " + (v.length() > 300 ? v.substring(0, 300) : v)));
    System.exit(fivexx == 0 ? 0 : 1);
  }

  static Map<String, Long> snapshot(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
