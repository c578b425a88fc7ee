package org.patrolmap.layers;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patrolmap.model.Agency;
import org.patrolmap.model.Dataset;
import org.patrolmap.model.Function;
import org.patrolmap.model.Service;

/**
 * The NENA NG9-1-1 GIS Data Model v3.0 service boundary layers (NENA-STA-006.3): {@code
 * PsapPolygon} (section 4.3.1) from the dispatch layer and {@code PolicePolygon} (4.3.2) from the
 * patrol layer, one polygon per agency as of a date, with the NENA fields filled from cited facts.
 *
 * <p>A required value patrolmap does not know stays an empty text (the template declares these
 * columns NOT NULL) and is listed by {@link #gaps}; it is never guessed. Areas with no known
 * provider get no feature. Where a value comes from:
 *
 * <ul>
 *   <li>{@code DsplayName}: the agency's name (shortened at a word to 60 characters if longer).
 *   <li>{@code Agency_ID}: the host of the agency's cited website ({@link Agency#website()}), less
 *       a leading {@code www.}; empty when no website is recorded.
 *   <li>{@code ServiceNum}: the digits of the agency's recorded phone ({@link Agency#phone()}).
 *   <li>{@code ServiceURI}: no SIP URI is recorded for any agency, so always a gap.
 *   <li>{@code AVcard_URI}: {@code <public URL>/api/agencies/{id}/vcard?f=jcard}, served by
 *       patrolmap (NENA asks for a jCard there; without {@code f} the same card is a vCard).
 *   <li>{@code Effective}/{@code Expire}: the last change of the agency's polygon on or before the
 *       date (unknown when a service in force has no known start) and the next change after it.
 *   <li>{@code DateUpdate}: when the dataset was imported; {@code DiscrpAgID} and the agency part
 *       of {@code NGUID} from {@link NenaSettings}.
 * </ul>
 *
 * {@link #agencyId} and {@link #serviceNumber} are the two places that read contacts, to switch to
 * dated contact facts when they exist.
 */
public final class Nena {
  /** The NENA table of each patrolmap NENA layer. */
  public static final Map<String, String> TABLES =
      Map.of("nena-psap", "PsapPolygon", "nena-police", "PolicePolygon");

  /** The template's columns of both layers, in its order (OBJECTID and Shape are implicit). */
  public static final List<Column> COLUMNS =
      List.of(
          new Column("DiscrpAgID", Column.Type.TEXT, 100, true),
          new Column("DateUpdate", Column.Type.DATETIME, null, true),
          new Column("Effective", Column.Type.DATETIME, null, false),
          new Column("Expire", Column.Type.DATETIME, null, false),
          new Column("NGUID", Column.Type.TEXT, 254, true),
          new Column("Agency_ID", Column.Type.TEXT, 100, true),
          new Column("ServiceURI", Column.Type.TEXT, 254, true),
          new Column("ServiceURN", Column.Type.TEXT, 100, true),
          new Column("ServiceNum", Column.Type.TEXT, 15, false),
          new Column("AVcard_URI", Column.Type.TEXT, 254, true),
          new Column("DsplayName", Column.Type.TEXT, 60, true));

  /**
   * ServiceURN values from the template's domains: {@code ServiceURNSOS} for PSAPs, {@code
   * ServiceURNResponder} for police (the standard has no {@code sos.police}).
   */
  public static final String PSAP_URN = "urn:emergency:service:sos.psap";

  public static final String POLICE_URN = "urn:emergency:service:responder.police";

  /** Local time of the facts' dates: a service starting on a day starts at its midnight here. */
  static final ZoneId ZONE = ZoneId.of("America/Chicago");

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** One required value a feature lacks, and why. */
  public record Gap(
      String table, String featureId, String agencyId, String name, String field, String reason) {}

  private Nena() {}

  /** The NENA layer id's source layer and function. */
  static Function function(String nenaLayer) {
    return switch (nenaLayer) {
      case "nena-psap" -> Function.DISPATCH;
      case "nena-police" -> Function.PATROL;
      default -> throw new IllegalArgumentException(nenaLayer);
    };
  }

  /** The features of a NENA layer, made from the same date's provider layer. */
  static List<LayerFeature> build(
      Dataset d, String nenaLayer, LocalDate date, Layer providers, NenaSettings settings) {
    Function function = function(nenaLayer);
    boolean psap = function == Function.DISPATCH;
    List<LayerFeature> out = new ArrayList<>();
    for (LayerFeature f : providers.features()) {
      Object agencyKey = f.properties().get("agency_id");
      if (agencyKey == null || !"known".equals(f.properties().get("status"))) {
        // unknown areas: no PSAP, no police agency. Areas a general rule decides are left out too:
        // the template has no field to say so, and a 911 system must not route on a rule alone.
        continue;
      }
      Agency a = d.agencies().get(agencyKey.toString());
      if (a == null) {
        continue;
      }
      String discrp = settings.discrepancyAgencyId();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("DiscrpAgID", discrp == null ? "" : discrp);
      p.put("DateUpdate", DATETIME.format(d.info().importedAt()));
      p.put("Effective", datetime(effective(d, a.id(), function, date)));
      p.put("Expire", datetime(expire(d, a.id(), function, date)));
      p.put(
          "NGUID",
          discrp == null
              ? ""
              : "urn:emergency:uid:gis:" + (psap ? "Psap" : "Pol") + ":" + a.id() + ":" + discrp);
      p.put("Agency_ID", agencyId(d, a));
      p.put("ServiceURI", "");
      p.put("ServiceURN", psap ? PSAP_URN : POLICE_URN);
      p.put("ServiceNum", serviceNumber(a));
      p.put("AVcard_URI", vcardUri(settings, a));
      p.put("DsplayName", displayName(a.name()));
      out.add(Layers.feature(featureId(nenaLayer, a.id()), f.geometry(), p));
    }
    return out;
  }

  /** The top-level id of an agency's feature (also used in OGC item URLs). */
  public static String featureId(String nenaLayer, String agencyId) {
    return (nenaLayer.equals("nena-psap") ? "psap-" : "police-") + agencyId;
  }

  /** Every required value the layer's features lack, with the reason. */
  public static List<Gap> gaps(Dataset d, Layer layer) {
    String table = TABLES.get(layer.id());
    if (table == null) {
      throw new IllegalArgumentException("not a NENA layer: " + layer.id());
    }
    String prefix = featureId(layer.id(), "");
    List<Gap> out = new ArrayList<>();
    for (LayerFeature f : layer.features()) {
      for (Column c : COLUMNS) {
        if (c.notNull() && "".equals(f.properties().get(c.name()))) {
          out.add(
              new Gap(
                  table,
                  f.id(),
                  f.id().substring(prefix.length()),
                  String.valueOf(f.properties().get("DsplayName")),
                  c.name(),
                  reason(d, f.id().substring(prefix.length()), c.name())));
        }
      }
    }
    return out;
  }

  private static String reason(Dataset d, String agencyId, String field) {
    Agency a = d.agencies().get(agencyId);
    if (field.equals("Agency_ID") && a != null && !host(a).isEmpty()) {
      return "the domain of the agency's website ("
          + host(a)
          + ") is also the website domain of "
          + String.join(", ", sharingHost(d, a))
          + ", so it does not identify this agency alone";
    }
    return switch (field) {
      case "DiscrpAgID" ->
          "no discrepancy agency is configured (PATROLMAP_NENA_DISCREPANCY_AGENCY_ID)";
      case "NGUID" ->
          "an NGUID ends with the discrepancy agency's domain, which is not configured"
              + " (PATROLMAP_NENA_DISCREPANCY_AGENCY_ID)";
      case "Agency_ID" -> "no cited website of the agency gives its domain name";
      case "ServiceURI" -> "no call-routing (SIP) URI of the agency is recorded";
      case "AVcard_URI" ->
          "the server's public URL is not configured (PATROLMAP_PUBLIC_URL), so the vCard's"
              + " absolute address is unknown";
      default -> "unknown";
    };
  }

  /**
   * The NENA Agency Identifier: the host of the agency's recorded (cited) website, lower case,
   * without a leading {@code www.}; empty when none is recorded, or when another agency of the
   * dataset has a website on the same host (NENA: each agency uses its own domain name).
   */
  public static String agencyId(Dataset d, Agency a) {
    String host = host(a);
    return host.isEmpty() || !sharingHost(d, a).isEmpty() ? "" : host;
  }

  /** Other agencies of the dataset whose website has the same host, by id. */
  static List<String> sharingHost(Dataset d, Agency a) {
    String host = host(a);
    if (host.isEmpty()) {
      return List.of();
    }
    return d.agencies().values().stream()
        .filter(o -> !o.id().equals(a.id()) && host.equals(host(o)))
        .map(Agency::id)
        .sorted()
        .toList();
  }

  private static String host(Agency a) {
    if (a.website() == null || a.website().isBlank()) {
      return "";
    }
    try {
      String host = URI.create(a.website().trim()).getHost();
      if (host == null || !host.contains(".")) {
        return "";
      }
      host = host.toLowerCase(Locale.ROOT);
      host = host.startsWith("www.") ? host.substring(4) : host;
      return host.length() <= 100 ? host : "";
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * The dial string of the agency's recorded phone: its digits (10, or 11 with the leading 1); null
   * when none is recorded or it is not a North American number.
   */
  public static String serviceNumber(Agency a) {
    if (a.phone() == null) {
      return null;
    }
    String digits = a.phone().replaceAll("[^0-9]", "");
    if (digits.length() == 10 || (digits.length() == 11 && digits.startsWith("1"))) {
      return digits;
    }
    return null;
  }

  private static String vcardUri(NenaSettings s, Agency a) {
    if (s.publicUrl() == null) {
      return "";
    }
    String uri = s.publicUrl() + "/api/agencies/" + a.id() + "/vcard?f=jcard";
    return uri.length() <= 254 ? uri : "";
  }

  /** The name, cut at a word to at most 60 characters (with an ellipsis) when longer. */
  static String displayName(String name) {
    if (name.length() <= 60) {
      return name;
    }
    int cut = name.lastIndexOf(' ', 59);
    return name.substring(0, cut > 0 ? cut : 59) + "…";
  }

  private static String datetime(LocalDate day) {
    return day == null ? null : DATETIME.format(day.atStartOfDay(ZONE).toInstant());
  }

  /** A dataset import time in the NENA/GeoPackage DATETIME form (UTC, milliseconds). */
  public static String datetime(Instant t) {
    return DATETIME.format(t);
  }

  /**
   * The last day on or before {@code date} on which the agency's polygon changed (one of its
   * services of this function began or ended); null when a service in force has no known start.
   */
  static LocalDate effective(Dataset d, String agencyId, Function function, LocalDate date) {
    LocalDate last = null;
    for (Service s : d.servicesOf(agencyId)) {
      if (s.function() != function) {
        continue;
      }
      if (s.validOn(date) && s.validFrom() == null) {
        return null;
      }
      for (LocalDate change : new LocalDate[] {s.validFrom(), s.validTo()}) {
        if (change != null && !change.isAfter(date) && (last == null || change.isAfter(last))) {
          last = change;
        }
      }
    }
    return last;
  }

  /** The first day after {@code date} on which the agency's polygon changes; null when none. */
  static LocalDate expire(Dataset d, String agencyId, Function function, LocalDate date) {
    LocalDate next = null;
    for (Service s : d.servicesOf(agencyId)) {
      if (s.function() != function) {
        continue;
      }
      for (LocalDate change : new LocalDate[] {s.validFrom(), s.validTo()}) {
        if (change != null && change.isAfter(date) && (next == null || change.isBefore(next))) {
          next = change;
        }
      }
    }
    return next;
  }
}
