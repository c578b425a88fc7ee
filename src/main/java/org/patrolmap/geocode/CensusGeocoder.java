package org.patrolmap.geocode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.patrolmap.json.Json;

/**
 * The US Census geocoder's one-line-address API ({@code /locations/onelineaddress}, benchmark
 * {@code Public_AR_Current}, JSON). One attempt per request — no retries — with a timeout, and at
 * most {@link #MAX_CONCURRENT} calls in flight so a traffic spike cannot storm the service.
 */
public final class CensusGeocoder implements Geocoder {
  static final int MAX_CONCURRENT = 8;

  /** Largest geocoder answer read: a Census answer is a few KiB. */
  static final int MAX_ANSWER_BYTES = 1 << 20;

  /** The body, read at most {@link #MAX_ANSWER_BYTES}: a larger answer is refused. */
  private static final HttpResponse.BodyHandler<byte[]> BODY =
      info ->
          HttpResponse.BodySubscribers.mapping(
              HttpResponse.BodySubscribers.ofInputStream(),
              in -> {
                try (in) {
                  byte[] b = in.readNBytes(MAX_ANSWER_BYTES + 1);
                  if (b.length > MAX_ANSWER_BYTES) {
                    throw new GeocoderException("geocoder answer too large", false, null);
                  }
                  return b;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  private final Semaphore inFlight = new Semaphore(MAX_CONCURRENT);

  public CensusGeocoder(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public List<Candidate> geocode(String address) {
    URI uri =
        URI.create(
            base
                + "/locations/onelineaddress?address="
                + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "&benchmark=Public_AR_Current&format=json");
    if (!inFlight.tryAcquire()) {
      throw new GeocoderException("too many geocoder calls in flight", false, null);
    }
    CompletableFuture<HttpResponse<byte[]>> call =
        http.sendAsync(
            HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build(),
            BODY);
    try {
      // the request timeout stops at the response headers; this deadline covers the body too
      HttpResponse<byte[]> res = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (res.statusCode() != 200) {
        throw new GeocoderException("geocoder answered HTTP " + res.statusCode(), false, null);
      }
      return parse(res.body());
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new GeocoderException(
          "geocoder did not answer within " + timeout.toMillis() + " ms", true, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException t) {
        throw new GeocoderException(
            "geocoder did not answer within " + timeout.toMillis() + " ms", true, t);
      }
      if (e.getCause() instanceof GeocoderException g) {
        throw g;
      }
      throw new GeocoderException(
          "geocoder unreachable: " + e.getCause().getClass().getSimpleName(), false, e);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new GeocoderException("interrupted", false, e);
    } finally {
      inFlight.release();
    }
  }

  static List<Candidate> parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new GeocoderException("geocoder answered invalid JSON", false, e);
    }
    JsonNode matches = root.path("result").path("addressMatches");
    if (!matches.isArray()) {
      throw new GeocoderException("geocoder answer has no result.addressMatches", false, null);
    }
    List<Candidate> out = new ArrayList<>();
    for (JsonNode m : matches) {
      JsonNode c = m.path("coordinates");
      if (c.path("x").isNumber() && c.path("y").isNumber()) {
        out.add(
            new Candidate(
                m.path("matchedAddress").asText(""),
                c.path("x").asDouble(),
                c.path("y").asDouble(),
                m.has("tigerLine") ? "address_range" : "matched"));
      }
    }
    return out;
  }
}
