package org.patrolmap.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.patrolmap.attribute.Attributor;
import org.patrolmap.attribute.CsvAttribution;
import org.patrolmap.attribute.Options;
import org.patrolmap.model.Area;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.LookupIndex;
import org.patrolmap.store.Database;
import org.patrolmap.store.DatasetRepository;

/**
 * The attribution alone, in one thread, without HTTP: {@code N} random dated points in the
 * counties' bounding box (as bench/attribute.sh makes them) from memory to a discarding stream,
 * five times; prints thread CPU time per row for each pass as JSON. Tells how much of the HTTP
 * figure is the attribution itself. Usage: {@code AttributeProbe N} with {@code
 * -Dpatrolmap.db.url=}.
 */
public final class AttributeProbe {
  private AttributeProbe() {}

  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    String url = System.getProperty("patrolmap.db.url", System.getenv("PATROLMAP_DB_URL"));
    Dataset d;
    try (Database db = Database.open(url, 2)) {
      DatasetRepository repo = new DatasetRepository(db);
      d = repo.load(repo.currentId().orElseThrow());
    }
    long b0 = System.nanoTime();
    LookupIndex rebuilt = new LookupIndex(new java.util.ArrayList<>(d.areas().values()));
    long b1 = System.nanoTime();
    double[] shares = rebuilt.gridShares();
    System.err.printf(
        Locale.ROOT,
        "index with grid built in %d ms; cells outside %.3f, deep %.3f, exact %.3f%n",
        (b1 - b0) / 1_000_000,
        shares[0],
        shares[1],
        shares[2]);
    Envelope all = new Envelope();
    for (Area a : d.areas().values()) {
      all.expandToInclude(a.geom().getEnvelopeInternal());
    }
    SplittableRandom r = new SplittableRandom(17);
    StringBuilder sb = new StringBuilder("case_id,lon,lat,incident_date\n");
    long d0 = LocalDate.of(2014, 1, 1).toEpochDay();
    long d1 = LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay();
    for (int i = 0; i < n; i++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "c%d,%.6f,%.6f,%s%n",
              i,
              all.getMinX() + r.nextDouble() * all.getWidth(),
              all.getMinY() + r.nextDouble() * all.getHeight(),
              LocalDate.ofEpochDay(d0 + r.nextLong(d1 - d0))));
    }
    byte[] csv = sb.toString().getBytes(StandardCharsets.UTF_8);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder out = new StringBuilder("{\"rows\":" + n + ",\"cpu_ns_per_row\":[");
    for (int pass = 0; pass < 5; pass++) {
      long c0 = mx.getCurrentThreadCpuTime();
      CsvAttribution.open(
              new ByteArrayInputStream(csv),
              new Attributor(d),
              Options.detect(LocalDate.of(2024, 1, 1), n))
          .writeTo(OutputStream.nullOutputStream(), x -> {});
      long c1 = mx.getCurrentThreadCpuTime();
      out.append(pass == 0 ? "" : ",").append((c1 - c0) / n);
    }
    System.out.println(out.append("]}"));
  }
}
