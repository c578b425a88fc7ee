package org.patrolmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.patrolmap.geo.InvalidValueException;
import org.patrolmap.geo.IsoDate;
import org.patrolmap.geo.LonLat;
import org.patrolmap.http.FormFields;
import org.patrolmap.http.JsonBody;
import org.patrolmap.http.Params;
import org.patrolmap.http.RateLimiter;
import org.patrolmap.model.Area;
import org.patrolmap.model.Arrangement;
import org.patrolmap.model.Coded;
import org.patrolmap.model.Correction;
import org.patrolmap.model.CorrectionStore;
import org.patrolmap.model.CorrectionTopic;
import org.patrolmap.model.CurrentDataset;
import org.patrolmap.model.DatabaseRole;
import org.patrolmap.model.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/corrections}: a public suggestion, validated and bounded (README "Limits"),
 * rate-limited per client address, stored as pending and answered 202 with a receipt id. Nothing it
 * says is served until a maintainer accepts it and imports the exported rows.
 */
final class CorrectionsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CorrectionsHandler.class);

  /** Largest body, in bytes. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  static final int MAX_PROBLEM_CHARS = 2000;
  static final int MAX_PROPOSED_CHARS = 2000;
  static final int MAX_URL_CHARS = 2000;
  static final int MAX_TITLE_CHARS = 300;

  /** The honeypot: a field the form hides from people; a bot that fills it is ignored. */
  static final String HONEYPOT = "website";

  private static final JsonBody BODY =
      new JsonBody(
          MAX_BODY_BYTES,
          Set.of(
              "area",
              "agency",
              "function",
              "problem",
              "proposed",
              "proposed_agency",
              "proposed_arrangement",
              "source_url",
              "source_title",
              "effective_date",
              "email",
              "lon",
              "lat",
              HONEYPOT));

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CurrentDataset datasets;
  private final CorrectionStore store;
  private final RateLimiter limiter;
  private final DatabaseRole role;

  CorrectionsHandler(
      CurrentDataset datasets, CorrectionStore store, RateLimiter limiter, DatabaseRole role) {
    this.datasets = datasets;
    this.store = store;
    this.limiter = limiter;
    this.role = role;
  }

  void submit(Context ctx) {
    Params.allow(ctx, Set.of());
    role.requireWritable(); // a replica stores nothing: 503 before the allowance is spent
    String remote = ctx.req().getRemoteAddr();
    limiter.check(ctx, remote);
    JsonNode body = BODY.read(ctx);
    if (!body.path(HONEYPOT).asText("").isBlank()) {
      // A field people never see was filled: answer as usual so the bot learns nothing; store
      // nothing.
      LOG.info("correction with the honeypot filled ignored");
      accepted(ctx, "c-" + randomHex(), Instant.now());
      return;
    }
    Dataset d = datasets.current();
    Form f = Form.parse(body, d);
    Correction c = store.submit(f.submission(), f.lon(), f.lat(), d.id(), fingerprint(remote));
    accepted(ctx, c.id(), c.receivedAt());
  }

  private static void accepted(Context ctx, String id, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("status", "pending");
    m.put("received_at", at);
    m.put(
        "next",
        "Thank you. A maintainer will check your suggestion and its source. Nothing on the map"
            + " changes until it is accepted and the next dataset is imported; accepted changes"
            + " then appear in /api/changes. Keep the receipt id if you want to ask about it.");
    ctx.status(202).contentType("application/json").result(org.patrolmap.json.Json.bytes(m));
  }

  /** The parsed form: the submission and the optional point it was made from. */
  record Form(Correction.Submission submission, Double lon, Double lat) {
    static Form parse(JsonNode body, Dataset d) {
      CorrectionTopic topic =
          Coded.of(CorrectionTopic.class, FormFields.text(body, "function", 20, true, false))
              .orElseThrow(
                  () ->
                      new InvalidValueException(
                          "function", "must be one of " + Coded.ids(CorrectionTopic.class)));
      String area = FormFields.id(body, "area");
      String agency = FormFields.id(body, "agency");
      Double lon = FormFields.number(body, "lon");
      Double lat = FormFields.number(body, "lat");
      if ((lon == null) != (lat == null)) {
        throw new InvalidValueException(lon == null ? "lon" : "lat", "lon and lat go together");
      }
      if (lon != null) {
        LonLat p = LonLat.parse(Double.toString(lon), Double.toString(lat));
        Area at =
            d.areaAt(p)
                .orElseThrow(
                    () ->
                        new InvalidValueException("lon", "the point is outside the two counties"));
        if (area == null) {
          area = at.id();
        }
      }
      if (area != null && !d.areas().containsKey(area)) {
        throw new InvalidValueException("area", "no area '" + area + "'");
      }
      if (agency != null && !d.agencies().containsKey(agency)) {
        throw new InvalidValueException("agency", "no agency '" + agency + "'");
      }
      if (area == null && agency == null) {
        throw new InvalidValueException("area", "give the area, the agency or both");
      }
      if (topic == CorrectionTopic.CONTACT && agency == null) {
        throw new InvalidValueException("agency", "a contact correction names the agency");
      }
      String proposedAgency = FormFields.id(body, "proposed_agency");
      if (proposedAgency != null && !d.agencies().containsKey(proposedAgency)) {
        throw new InvalidValueException(
            "proposed_agency",
            "no agency '" + proposedAgency + "' (describe a new one in 'proposed')");
      }
      String arr = FormFields.text(body, "proposed_arrangement", 40, false, false);
      Arrangement arrangement = null;
      if (arr != null) {
        arrangement =
            Coded.of(Arrangement.class, arr)
                .filter(a -> a != Arrangement.COUNTY_DEFAULT)
                .orElseThrow(
                    () ->
                        new InvalidValueException(
                            "proposed_arrangement",
                            "must be own_department, contract or cooperative"));
      }
      String proposed = FormFields.text(body, "proposed", MAX_PROPOSED_CHARS, false, true);
      String url = FormFields.url(body, "source_url", MAX_URL_CHARS);
      String title = FormFields.text(body, "source_title", MAX_TITLE_CHARS, false, false);
      boolean proposesProvider =
          topic.aboutProvider() && (proposedAgency != null || proposed != null);
      if (proposesProvider && url == null && title == null) {
        throw new InvalidValueException(
            "source_url", "a proposed provider needs a source: a URL or a document title");
      }
      String effective = FormFields.text(body, "effective_date", 10, false, false);
      Correction.Submission s =
          new Correction.Submission(
              area,
              agency,
              topic,
              FormFields.text(body, "problem", MAX_PROBLEM_CHARS, true, true),
              proposed,
              proposedAgency,
              arrangement,
              url,
              title,
              IsoDate.parse("effective_date", effective, null),
              FormFields.email(body, "email"));
      return new Form(s, lon, lat);
    }
  }

  private static String randomHex() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The first 16 hex digits of the SHA-256 of the client address: stored instead of it. */
  static String fingerprint(String remote) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("patrolmap-client:" + remote).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
