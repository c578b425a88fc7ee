package org.patrolmap.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.patrolmap.SuppressForbidden;

/**
 * A local stand-in for the US Census geocoder (JDK HttpServer on a free port): answers every
 * {@code /locations/onelineaddress} call with one fixed match in Ferguson, so tests never leave
 * the machine.
 */
@SuppressForbidden(reason = "the JDK's own HTTP server (module jdk.httpserver) stands in for the Census geocoder")
public final class GeocoderStub implements AutoCloseable {
  static final String ANSWER = """
      {"result":{"input":{},"addressMatches":[{"matchedAddress":"110 CHURCH ST, FERGUSON, MO, 63135",
      "coordinates":{"x":-90.3053,"y":38.7442},"tigerLine":{"side":"L"}}]}}""";
  private final HttpServer server;

  public GeocoderStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      byte[] b = ANSWER.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/geocoder");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
