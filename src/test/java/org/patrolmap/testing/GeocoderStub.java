package org.patrolmap.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.patrolmap.SuppressForbidden;

/**
 * The one local stand-in for the US Census geocoder (JDK HttpServer on a free port), so tests never
 * leave the machine. It serves {@code /geocoder/locations/onelineaddress} and answers each call by
 * the {@code address} parameter: the first configured prefix the address starts with picks the
 * {@link Answer} (a match, no match, an HTTP failure, each optionally late), anything else gets the
 * fallback. Calls run on their own threads, so a slow answer does not hold up the next call.
 *
 * <pre>{@code
 * try (GeocoderStub census = GeocoderStub.answering()
 *     .address("110 Church St", GeocoderStub.CHURCH_ST)
 *     .address("slow", Answer.noMatch().after(Duration.ofSeconds(3)))
 *     .otherwise(Answer.noMatch())
 *     .start()) { ... census.url() ... census.calls() ... }
 * }</pre>
 */
@SuppressForbidden(
    reason = "the JDK's own HTTP server (module jdk.httpserver) stands in for the Census geocoder")
public final class GeocoderStub implements AutoCloseable {
  /**
   * 110 Church St, Ferguson: the Census match for a Ferguson address, at a point inside Ferguson.
   */
  public static final Answer CHURCH_ST =
      Answer.match("110 CHURCH ST, FERGUSON, MO, 63135", -90.30479, 38.74358);

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "geocoder-stub");
            t.setDaemon(true);
            return t;
          });
  private final List<Map.Entry<String, Answer>> byPrefix;
  private final Answer otherwise;
  private final AtomicInteger calls = new AtomicInteger();

  /** Answers every address with {@link #CHURCH_ST}. */
  public GeocoderStub() {
    this(List.of(), CHURCH_ST);
  }

  private GeocoderStub(List<Map.Entry<String, Answer>> byPrefix, Answer otherwise) {
    this.byPrefix = List.copyOf(byPrefix);
    this.otherwise = otherwise;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/geocoder/locations/onelineaddress", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  /** Starts configuring a stub. */
  public static Builder answering() {
    return new Builder();
  }

  /** The base URL to configure as the server's geocoder ({@code PATROLMAP_GEOCODER_URL}). */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/geocoder");
  }

  /** How many one-line-address calls arrived so far. */
  public int calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    String address = address(ex.getRequestURI().getRawQuery());
    Answer a =
        byPrefix.stream()
            .filter(e -> address.startsWith(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(otherwise);
    try {
      Thread.sleep(a.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
      return;
    }
    byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", a.contentType());
    ex.sendResponseHeaders(a.status(), b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  /** The decoded {@code address} query parameter, or "" when there is none. */
  private static String address(String rawQuery) {
    for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
      if (pair.startsWith("address=")) {
        return URLDecoder.decode(pair.substring("address=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** One answer: HTTP status, content type and body, sent after {@code delay}. */
  public record Answer(int status, String contentType, String body, Duration delay) {
    /** One address match in the Census one-line-address JSON format. */
    public static Answer match(String matchedAddress, double lon, double lat) {
      ObjectNode root = TestHttp.JSON.createObjectNode();
      ObjectNode result = root.putObject("result");
      result
          .putObject("input")
          .putObject("benchmark")
          .put("id", "4")
          .put("benchmarkName", "Public_AR_Current");
      ObjectNode m = result.putArray("addressMatches").addObject();
      m.putObject("tigerLine").put("side", "L").put("tigerLineId", "100");
      m.putObject("coordinates").put("x", lon).put("y", lat);
      m.put("matchedAddress", matchedAddress);
      return new Answer(200, "application/json", root.toString(), Duration.ZERO);
    }

    /** The Census answer when nothing matches: an empty {@code addressMatches}. */
    public static Answer noMatch() {
      return new Answer(
          200,
          "application/json",
          "{\"result\":{\"input\":{},\"addressMatches\":[]}}",
          Duration.ZERO);
    }

    /** The service failing: HTTP 500 with an HTML page. */
    public static Answer serverError() {
      return new Answer(500, "text/html", "<html>error</html>", Duration.ZERO);
    }

    /** This answer, sent only after {@code wait}. */
    public Answer after(Duration wait) {
      return new Answer(status, contentType, body, wait);
    }
  }

  /** Collects the answers by address prefix, then {@link #start()}s the stub. */
  public static final class Builder {
    private final List<Map.Entry<String, Answer>> byPrefix = new ArrayList<>();
    private Answer otherwise = Answer.noMatch();

    private Builder() {}

    /** Addresses starting with {@code prefix} get {@code answer} (earlier prefixes win). */
    public Builder address(String prefix, Answer answer) {
      byPrefix.add(Map.entry(prefix, answer));
      return this;
    }

    /** Every other address gets {@code answer} (default: {@link Answer#noMatch()}). */
    public Builder otherwise(Answer answer) {
      this.otherwise = answer;
      return this;
    }

    public GeocoderStub start() {
      return new GeocoderStub(byPrefix, otherwise);
    }
  }
}
