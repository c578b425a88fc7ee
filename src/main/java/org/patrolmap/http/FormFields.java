package org.patrolmap.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.patrolmap.geo.InvalidValueException;

/**
 * Checked text members of a {@link JsonBody}: length in characters, no control characters (line
 * breaks and tabs only where {@code multiline}), no HTML markup (a tag or comment opener such as
 * {@code <script} — text is never rendered as HTML, but a submission carrying markup is refused
 * rather than stored), {@code http}/{@code https} URLs only, plain e-mail addresses. Every refusal
 * names the member.
 */
public final class FormFields {
  /** A tag, end tag, comment or processing instruction opener. */
  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]");

  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

  private FormFields() {}

  /** The member as stripped text (null when absent, null or blank unless {@code required}). */
  public static String text(
      JsonNode body, String name, int max, boolean required, boolean multiline) {
    JsonNode n = body.path(name);
    if (!n.isMissingNode() && !n.isNull() && !n.isTextual()) {
      throw new InvalidValueException(name, "must be a string");
    }
    String s = n.isTextual() ? n.asText().strip() : "";
    if (s.isEmpty()) {
      if (required) {
        throw new InvalidValueException(name, "is required");
      }
      return null;
    }
    if (s.codePointCount(0, s.length()) > max) {
      throw new InvalidValueException(name, "must be at most " + max + " characters");
    }
    boolean control =
        s.chars()
            .anyMatch(
                c ->
                    (Character.isISOControl(c)
                            && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
                        || c == '\u2028'
                        || c == '\u2029');
    if (control) {
      throw new InvalidValueException(
          name,
          multiline ? "must not hold control characters" : "must be one line of printable text");
    }
    if (MARKUP.matcher(s).find()) {
      throw new InvalidValueException(
          name, "must be plain text, not HTML (no '<' before a letter)");
    }
    return s;
  }

  /** An absolute {@code http} or {@code https} URL with a host, or null when absent. */
  public static String url(JsonNode body, String name, int max) {
    String s = text(body, name, max, false, false);
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidValueException(name, "must be an http or https URL");
      }
      if (u.getHost() == null || u.getHost().isEmpty() || u.getRawUserInfo() != null) {
        throw new InvalidValueException(name, "must be an http or https URL with a host name");
      }
    } catch (URISyntaxException e) {
      throw new InvalidValueException(
          name, "is not a valid URL (spaces and quotes must be %-encoded)");
    }
    return s;
  }

  /** A plain e-mail address (local@domain.tld), or null when absent. */
  public static String email(JsonNode body, String name) {
    String s = text(body, name, 254, false, false);
    if (s != null && !EMAIL.matcher(s).matches()) {
      throw new InvalidValueException(name, "must be an e-mail address like name@example.org");
    }
    return s;
  }

  /** An id of the data ({@code [a-z0-9-]}, 1–80 characters), or null when absent. */
  public static String id(JsonNode body, String name) {
    String s = text(body, name, 80, false, false);
    if (s != null && !ID.matcher(s).matches()) {
      throw new InvalidValueException(name, "must be an id of lower-case letters, digits and '-'");
    }
    return s;
  }

  /** A finite number, or null when absent. */
  public static Double number(JsonNode body, String name) {
    JsonNode n = body.path(name);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
      throw new InvalidValueException(name, "must be a number");
    }
    return n.asDouble();
  }
}
