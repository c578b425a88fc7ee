package org.patrolmap.api;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patrolmap.layers.Nena;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Dataset;

/**
 * An agency's contact card, the target of the NENA {@code AVcard_URI}: as an RFC 6350 vCard 4.0
 * ({@code text/vcard}) and as the same properties in jCard, RFC 7095 ({@code
 * application/vcard+json}), which NENA-STA-006 names. Only recorded facts appear: the name, the
 * phone (as a {@code tel:} URI), the address as printed (a label; it is not split into parts), the
 * website, the note and the revision (the dataset's import time).
 */
final class AgencyCard {
  private static final DateTimeFormatter REV =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** One vCard property: name, parameters, jCard value type and value(s). */
  record Property(String name, Map<String, String> params, String type, List<String> values) {}

  private AgencyCard() {}

  static List<Property> properties(Dataset d, Agency a, String selfUrl) {
    List<Property> out = new ArrayList<>();
    out.add(new Property("version", Map.of(), "text", List.of("4.0")));
    out.add(new Property("kind", Map.of(), "text", List.of("org")));
    out.add(new Property("fn", Map.of(), "text", List.of(a.name())));
    out.add(new Property("org", Map.of(), "text", List.of(a.name())));
    String digits = Nena.serviceNumber(a);
    if (digits != null) {
      String ten = digits.length() == 11 ? digits.substring(1) : digits;
      out.add(
          new Property(
              "tel",
              Map.of("type", "work,voice"),
              "uri",
              List.of(
                  "tel:+1-"
                      + ten.substring(0, 3)
                      + "-"
                      + ten.substring(3, 6)
                      + "-"
                      + ten.substring(6))));
    }
    if (a.address() != null && !a.address().isBlank()) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("type", "work");
      p.put("label", a.address().replace("\"", "'"));
      out.add(new Property("adr", p, "text", List.of("", "", "", "", "", "", "")));
    }
    if (a.website() != null && !a.website().isBlank()) {
      out.add(new Property("url", Map.of(), "uri", List.of(a.website())));
    }
    if (a.note() != null && !a.note().isBlank()) {
      out.add(new Property("note", Map.of(), "text", List.of(a.note())));
    }
    out.add(new Property("source", Map.of(), "uri", List.of(selfUrl)));
    out.add(new Property("rev", Map.of(), "timestamp", List.of(REV.format(d.info().importedAt()))));
    out.add(new Property("prodid", Map.of(), "text", List.of("-//patrolmap//agency card//EN")));
    return out;
  }

  /** The jCard array: {@code ["vcard", [[name, {params}, type, value...], ...]]}. */
  static List<Object> jcard(List<Property> props) {
    List<Object> list = new ArrayList<>();
    for (Property p : props) {
      List<Object> row = new ArrayList<>();
      row.add(p.name());
      row.add(p.params());
      row.add(p.type());
      if (p.values().size() == 1) {
        row.add(p.values().get(0));
      } else {
        row.add(p.values());
      }
      list.add(row);
    }
    return List.of("vcard", list);
  }

  /** The vCard text: CRLF line ends, values escaped, lines folded at 75 octets. */
  static byte[] vcard(List<Property> props) {
    StringBuilder sb = new StringBuilder("BEGIN:VCARD\r\n");
    for (Property p : props) {
      StringBuilder line = new StringBuilder(p.name().toUpperCase(Locale.ROOT));
      p.params()
          .forEach(
              (k, v) -> {
                line.append(';').append(k.toUpperCase(Locale.ROOT)).append('=');
                line.append(needsQuotes(v) ? "\"" + v + "\"" : v);
              });
      if (p.type().equals("uri") && !p.name().equals("url") && !p.name().equals("source")) {
        line.append(";VALUE=uri");
      }
      line.append(':');
      List<String> vs = new ArrayList<>();
      for (String v : p.values()) {
        vs.add(p.type().equals("text") ? escape(v) : v);
      }
      line.append(String.join(";", vs));
      fold(sb, line.toString());
    }
    sb.append("END:VCARD\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean needsQuotes(String v) {
    return v.contains(",") || v.contains(";") || v.contains(":") || v.contains(" ");
  }

  /** RFC 6350 3.4: backslash, comma, semicolon and newline are escaped in text values. */
  static String escape(String v) {
    return v.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n");
  }

  /** RFC 6350 3.2: lines longer than 75 octets continue on a line starting with a space. */
  private static void fold(StringBuilder sb, String line) {
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + n > limit) {
        sb.append("\r\n ");
        octets = 1;
        limit = 75;
      }
      sb.appendCodePoint(cp);
      octets += n;
      i += Character.charCount(cp);
    }
    sb.append("\r\n");
  }
}
