package org.patrolmap.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TinyServer;

/** The page's own files and the Leaflet WebJar: gzip, ETag, 304 and cache headers. */
class StaticFilesTest {
  private static final TinyServer S = TinyServer.shared();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = StaticFilesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  @Test
  void thePageIsSentCompressedWithAnETagAndRevalidated() throws IOException {
    HttpResponse<byte[]> page = TestHttp.get(S.url("/"), "Accept-Encoding", "gzip");
    assertEquals(200, page.statusCode());
    assertEquals("gzip", page.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
    byte[] html = resource("/web/index.html");
    assertArrayEquals(html, gunzip(page.body()));
    assertTrue(page.body().length < html.length / 2);
    String etag = page.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again =
        TestHttp.get(S.url("/"), "Accept-Encoding", "gzip", "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
  }

  @Test
  void pagesPreconnectToASingleTileHostOnly() {
    assertEquals(
        "<https://tile.openstreetmap.org>; rel=preconnect",
        StaticFiles.preconnectHeader("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    assertEquals(
        "<http://127.0.0.1:8081>; rel=preconnect",
        StaticFiles.preconnectHeader("http://127.0.0.1:8081/{z}/{x}/{y}{r}.png"));
    assertEquals(
        null, StaticFiles.preconnectHeader("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
    assertEquals(null, StaticFiles.preconnectHeader(null));
    // the shared test server has no tiles: no header
    HttpResponse<byte[]> page = TestHttp.get(S.url("/"));
    assertTrue(page.headers().firstValue("Link").isEmpty());
  }

  @Test
  void aClientWithoutGzipGetsThePlainBytes() throws IOException {
    HttpResponse<byte[]> js = TestHttp.get(S.url("/js/main.js"));
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Encoding").isEmpty());
    assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertArrayEquals(resource("/web/js/main.js"), js.body());
  }

  @Test
  void leafletFromItsWebJarIsCompressedAndImmutable() throws IOException {
    HttpResponse<byte[]> res =
        TestHttp.get(S.url("/webjars/leaflet/1.9.4/dist/leaflet.js"), "Accept-Encoding", "gzip");
    assertEquals(200, res.statusCode());
    assertEquals("gzip", res.headers().firstValue("Content-Encoding").orElse(""));
    assertTrue(res.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
    assertTrue(gunzip(res.body()).length > 100_000);
  }

  @Test
  void unknownOrEscapingPathsAreNotServedFromTheClasspath() {
    assertEquals(404, TestHttp.get(S.url("/js/nothing-here.js")).statusCode());
    HttpResponse<byte[]> escape = TestHttp.get(S.url("/webjars/../org/patrolmap/App.class"));
    assertNotEquals(200, escape.statusCode());
    assertEquals(404, TestHttp.get(S.url("/patrolmap.properties")).statusCode());
  }
}
