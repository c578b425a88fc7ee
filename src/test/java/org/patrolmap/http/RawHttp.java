package org.patrolmap.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client over a socket, for requests {@link java.net.http.HttpClient} refuses to
 * send: raw bytes in the request line, {@code ..} and {@code %00} in paths, odd methods. Sends
 * {@code Connection: close} and reads to the end.
 */
final class RawHttp {
  /** A parsed answer. Header names lower-case. */
  record Response(int status, Map<String, String> headers, byte[] body) {}

  private RawHttp() {}

  static Response send(int port, byte[] request, int timeoutMillis) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return parse(all.toByteArray());
    }
  }

  /** {@code METHOD target HTTP/1.1} with Host and Connection: close, optional body. */
  static byte[] request(String method, byte[] target, String contentType, byte[] body) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
    b.write(' ');
    b.writeBytes(target);
    b.writeBytes(
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      b.writeBytes(
          ("Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      b.writeBytes(body);
    }
    return b.toByteArray();
  }

  private static Response parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IllegalStateException(
          "no complete HTTP answer: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        headers.put(
            lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(c + 1).trim());
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    }
    return new Response(status, headers, rest);
  }

  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < b.length) {
      int nl =
          indexOf(
              java.util.Arrays.copyOfRange(b, i, b.length),
              "\r\n".getBytes(StandardCharsets.US_ASCII));
      if (nl < 0) {
        break;
      }
      String sizeLine = new String(b, i, nl, StandardCharsets.US_ASCII).split(";")[0].trim();
      int size = Integer.parseInt(sizeLine, 16);
      i += nl + 2;
      if (size == 0) {
        break;
      }
      out.write(b, i, Math.min(size, b.length - i));
      i += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
