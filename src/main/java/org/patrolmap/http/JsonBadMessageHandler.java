package org.patrolmap.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error handler for requests it rejects before Javalin routes them (malformed request line,
 * {@code %00} or {@code ..} above the root in the path, URI or headers too large, bad
 * Content-Length, a {@code *} target): renders the API's one JSON error shape instead of Jetty's
 * HTML page.
 */
final class JsonBadMessageHandler extends ErrorHandler {
  JsonBadMessageHandler() {
    setShowServlet(false);
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    return ByteBuffer.wrap(body(status, reason));
  }

  /**
   * Jetty writes error bodies only for GET, POST and HEAD by default; {@code PUT *} deserves the
   * JSON shape too.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /** Errors Jetty's server raises after parsing, outside Javalin's servlet (e.g. {@code GET *}). */
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    response.getOutputStream().write(body(code, message));
  }

  private static byte[] body(int status, String reason) {
    String title =
        status == 414
            ? "Request URI too long"
            : status == 431
                ? "Request headers too large"
                : status == 413 ? "Request body too large" : "Malformed request";
    String type =
        switch (status) {
          case 413, 414, 431 -> ErrorRenderer.typeOf(status);
          default -> status >= 500 ? "internal_error" : "bad_request";
        };
    // Jetty's reason (e.g. "Illegal character SPACE=' '"), shortened and stripped of control
    // characters.
    String detail =
        org.patrolmap.geo.Numbers.abbreviate(
            reason == null ? HttpStatus.getMessage(status) : reason);
    return ErrorRenderer.body(status, type, title, Map.of("reason", detail));
  }
}
