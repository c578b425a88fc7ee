package org.patrolmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.testing.GeocoderStub;
import org.patrolmap.testing.HeadlessChromium;
import org.patrolmap.testing.TestHttp;
import org.patrolmap.testing.TestServer;

/**
 * The web map in real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) against
 * a running server on the real PostGIS import: the areas draw, clicks on the map open the card, the
 * date control changes the answer, the 24:1 footprint gives its report, and a bad address gives a
 * message. The server's geocoder is {@link GeocoderStub}, answering in the Census one-line-address
 * format, so nothing leaves the machine. Screenshots go to {@code target/screenshots/}.
 */
class WebMapIT {
  private static final Dimension DESKTOP = new Dimension(1280, 800);
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SHOTS = Path.of("target", "screenshots");

  /** Interior points (lon, lat) of the places the issue names. */
  private static final double[] WELLSTON = {-90.2843, 38.6804};

  private static final double[] CHARLACK = {-90.34008, 38.70238};
  private static final double[] VELDA_CITY = {-90.292831, 38.6933585};

  /**
   * Held so that the level sticks: Selenium warns that it has no CDP for Chromium 156, which it
   * does not need.
   */
  private static GeocoderStub census;

  private static App.Running app;
  private static String base;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    TestServer.get(); // imports the real data into the test database (or skips / fails under CI)
    census =
        GeocoderStub.answering()
            .address("110 Church St", GeocoderStub.CHURCH_ST)
            .otherwise(GeocoderStub.Answer.noMatch())
            .start();
    AppConfig cfg = TestServer.config();
    Map<String, String> flags = new HashMap<>();
    flags.put("DB_URL", cfg.dbUrl());
    flags.put("PROJECT_DIR", cfg.projectDir().toString());
    flags.put("PORT", "0");
    flags.put("TILE_URL", "");
    flags.put("GEOCODER_URL", census.url().toString());
    app = App.start(AppConfig.from(flags, Map.of()));
    base = "http://127.0.0.1:" + app.server().port() + "/";
    Files.createDirectories(SHOTS);
    browser = HeadlessChromium.start(DESKTOP.width, DESKTOP.height);
    driver = browser.driver();
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
    if (census != null) {
      census.close();
    }
  }

  @BeforeEach
  void desktopWindow() {
    viewport(DESKTOP);
    driver.manage().logs().get(LogType.BROWSER); // start each test with an empty console log
  }

  @AfterEach
  void consoleHasNoErrors() {
    List<String> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .collect(Collectors.toList());
    assertTrue(severe.isEmpty(), () -> "browser console errors: " + severe);
  }

  // ---- the behaviours the issue asks for ----------------------------------------------------

  @Test
  void theMapDrawsEveryAreaWithoutBaseTiles() {
    open("");
    assertTrue(areaPaths() > 100, "area outlines drawn: " + areaPaths());
    assertTrue(
        visibleLabels().contains("City of St. Louis"),
        "the map names the city: " + visibleLabels());
    assertTrue(patrolPaths() > 10, "patrol layer drawn: " + patrolPaths());
    assertFalse(
        driver.findElement(By.cssSelector("#legend-patrol")).getText().isBlank(),
        "patrol legend shown");
    assertTrue(
        driver.findElement(By.id("error-banner")).getAttribute("hidden") != null,
        "no error banner");
    assertTrue(text("header").contains("911"), "the header always says to call 911");
    screenshot("desktop-map");
  }

  @Test
  void theOgcItemsPageDrawsItsFeaturesOnALeafletMapUnderTheMapsCsp() {
    driver.get(base + "ogc/collections/patrol/items?limit=5&f=html");
    waitFor(
        () ->
            !driver
                .findElement(By.id("ogc-map-status"))
                .getText()
                .isBlank()); // the module says how many features it drew, or why not
    assertEquals("5", driver.findElement(By.id("ogc-map")).getAttribute("data-drawn"));
    assertEquals(
        5,
        driver.findElements(By.cssSelector("#ogc-map path.leaflet-interactive")).size(),
        "one outline per feature of the page");
    assertEquals(5, driver.findElements(By.cssSelector("main table tbody tr")).size());
    driver.findElement(By.linkText("Next page ›")).click();
    waitFor(() -> driver.getCurrentUrl().contains("offset=5"));
    screenshot("ogc-items-html");
  }

  @Test
  void clickingInsideWellstonShowsTheNorthCountyCooperativeAsPatrol() {
    open(view(WELLSTON, 15));
    clickMap(WELLSTON);
    waitForAnswer();
    assertEquals("Wellston", text("#card-title"));
    assertEquals("North County Police Cooperative", text("#card [data-role=patrol] .agency-name"));
    assertTrue(text("#card").contains("In an emergency call 911."), "the card says to call 911");
    assertEquals(
        1,
        driver.findElements(By.cssSelector(".leaflet-marker-pane .leaflet-marker-icon")).size(),
        "one marker at the looked-up point");
    assertTrue(visibleLabels().contains("Wellston"), "the map names Wellston: " + visibleLabels());
    screenshot("desktop-wellston");
  }

  @Test
  void fergusonsCardLeadsWithItsCitedNonEmergencyNumberAsATelLink() {
    org.locationtech.jts.geom.Point p =
        TestServer.get()
            .running()
            .datasets()
            .current()
            .areas()
            .get("2923986")
            .geom()
            .getInteriorPoint();
    double[] ferguson = {p.getX(), p.getY()};
    // the expected number comes from the curated table, not from a copy of the output
    String number =
        org.patrolmap.importer.facts.Csv.read(
                Path.of("data", "contacts.csv"), List.of("agency_id", "kind", "value", "valid_to"))
            .stream()
            .filter(r -> "ferguson-pd".equals(r.get("agency_id")))
            .filter(r -> "non_emergency".equals(r.get("kind")) && r.get("valid_to") == null)
            .map(r -> r.get("value"))
            .findFirst()
            .orElseThrow();
    open(view(ferguson, 15));
    clickMap(ferguson);
    waitForAnswer();
    assertEquals("Ferguson", text("#card-title"));
    WebElement link = driver.findElement(By.cssSelector("#card [data-contact=call] a.call-number"));
    assertEquals(number, link.getText());
    assertEquals(
        "tel:+1-"
            + number.replaceAll("[^0-9]", "").replaceFirst("(\\d{3})(\\d{3})(\\d{4})", "$1-$2-$3"),
        link.getDomAttribute("href"));
    String call = text("#card [data-contact=call]");
    assertTrue(call.contains("Ferguson Police Department"), call);
    assertTrue(call.contains("source:"), "the number shows its source: " + call);
    // it leads: the number comes right after the 911 line, before the patrol section
    Boolean leads =
        (Boolean)
            js(
                "const c = document.querySelector('#card [data-contact=call]');"
                    + "const e = document.querySelector('#card .emergency');"
                    + "const r = document.querySelector('#card [data-role=patrol]');"
                    + "return e.nextElementSibling === c"
                    + " && !!(c.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING);");
    assertTrue(leads, "the non-emergency number follows the 911 line and leads the card");
    screenshot("desktop-ferguson-call");
  }

  @Test
  void aDispatcherDecidedByTheCountyContractRuleIsLabelledAsARule() {
    org.locationtech.jts.geom.Point p =
        TestServer.get().running().datasets().current().areas().values().stream()
            .filter(a -> a.name().equals("Fenton"))
            .findFirst()
            .orElseThrow()
            .geom()
            .getInteriorPoint();
    double[] fenton = {p.getX(), p.getY()};
    open(view(fenton, 15));
    clickMap(fenton);
    waitForAnswer();
    assertEquals("Fenton", text("#card-title"));
    String dispatch = text("#card [data-role=dispatch]");
    assertTrue(dispatch.contains("Decided by a general rule"), dispatch);
    assertTrue(
        text("#card [data-role=dispatch] .rule").contains("automatically afforded"), dispatch);
    assertTrue(
        driver.findElements(By.cssSelector("#card [data-role=dispatch].role-by-rule")).size() == 1,
        "the section is marked by rule, not as a cited provider");
  }

  @Test
  void aTownWithNoKnownPatrolSaysSoAndShowsTheCountyRule() {
    open(view(VELDA_CITY, 15));
    clickMap(VELDA_CITY);
    waitForAnswer();
    assertEquals("Velda City", text("#card-title"));
    String patrol = text("#card [data-role=patrol]");
    assertTrue(patrol.contains("know who patrols here"), patrol);
    assertTrue(
        driver
            .findElements(By.cssSelector("#card [data-role=patrol] .agency-name:not(.is-unknown)"))
            .isEmpty(),
        "no agency is named as patrol");
    assertTrue(
        text("#card [data-role=patrol] .rule").contains("St. Louis County Police Department"),
        "the County rule");
    assertTrue(text("#card").contains("In an emergency call 911."), "the card says to call 911");
    screenshot("desktop-unknown");
  }

  @Test
  void theDateControlShowsWhoPatrolledCharlackThenAndNow() {
    open(view(CHARLACK, 15));
    typeDate("06012016");
    waitFor(() -> "2016-06-01".equals(value("#date-input")) && layersSettled());
    clickMap(CHARLACK);
    waitForAnswer();
    assertEquals("Charlack", text("#card-title"));
    assertEquals("North County Police Cooperative", text("#card [data-role=patrol] .agency-name"));
    assertTrue(text("#card .card-meta").contains("June 1, 2016"), text("#card .card-meta"));
    screenshot("desktop-charlack-2016");

    driver.findElement(By.id("date-today")).click();
    waitFor(
        () ->
            text("#card .card-meta").contains(todayWords())
                && "true".equals(attr("#card", "data-loaded")));
    assertEquals("St. Ann Police Department", text("#card [data-role=patrol] .agency-name"));
    screenshot("desktop-charlack-today");
  }

  @Test
  void choosingTheNormandyFootprintShowsAReportNamingNormandyPolice() {
    open("");
    waitFor(
        () ->
            !driver
                .findElements(By.cssSelector("#footprint-select option[value='normandy-24-1']"))
                .isEmpty());
    new Select(driver.findElement(By.id("footprint-select"))).selectByValue("normandy-24-1");
    waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
    waitFor(
        () -> !driver.findElements(By.cssSelector(".leaflet-pm-footprint-pane path")).isEmpty());
    String patrol = text("#overlay-report table#overlay-patrol");
    assertTrue(patrol.contains("Normandy Police Department"), patrol);
    assertTrue(text("#overlay-areas").contains("Normandy"), "the areas table lists Normandy");
    assertTrue(
        attr("#overlay-csv", "href").contains("api/footprints/normandy-24-1/overlay"), "CSV link");
    assertTrue(
        driver.getCurrentUrl().contains("footprint=normandy-24-1"),
        "the URL restores the footprint");
    scrollTo("#overlay-report");
    screenshot("desktop-overlay");
  }

  @Test
  void anUploadedFootprintsCsvIsTheServersCsvSavedAtClickTime() throws IOException {
    String polygon =
        "{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[-90.30,38.67],[-90.27,38.67],[-90.27,38.69],[-90.30,38.69],[-90.30,38.67]]]}";
    Path work = Files.createTempDirectory("patrolmap-csv-");
    try {
      Path downloads = Files.createDirectory(work.resolve("downloads"));
      Path upload =
          Files.writeString(
              work.resolve("wellston-box.geojson"),
              "{\"type\":\"Feature\",\"properties\":{\"name\":\"box\"},\"geometry\":"
                  + polygon
                  + "}");
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      open("");
      // Count the object URLs the page makes and revokes from here on.
      js(
          "const seen = window.csvUrls = {made: [], revoked: []};"
              + " const make = URL.createObjectURL, revoke = URL.revokeObjectURL;"
              + " URL.createObjectURL = (b) => { const u = make.call(URL, b); seen.made.push(u); return u; };"
              + " URL.revokeObjectURL = (u) => { seen.revoked.push(u); return revoke.call(URL, u); };");
      driver.findElement(By.id("footprint-upload")).sendKeys(upload.toString());
      waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
      assertEquals("Uploaded: wellston-box.geojson", text("#overlay-title"));
      assertEquals(
          "button", driver.findElement(By.id("overlay-csv")).getTagName(), "no prepared blob link");
      assertEquals(0L, js("return window.csvUrls.made.length;"), "no object URL before the click");

      driver.findElement(By.id("overlay-csv")).click();
      String date = value("#date-input");
      Path saved = downloads.resolve("patrolmap-overlay-" + date + ".csv");
      waitFor(
          () ->
              Files.exists(saved)
                  && "0"
                      .equals(
                          String.valueOf(
                              js(
                                  "return window.csvUrls.made.length"
                                      + " - window.csvUrls.revoked.length;"))));
      assertEquals(
          List.of(),
          js("return window.csvUrls.made.filter(u => !window.csvUrls.revoked.includes(u));"),
          "the object URL is revoked");
      assertEquals(
          1L, js("return window.csvUrls.made.length;"), "one object URL, made at the click");
      @SuppressWarnings("unchecked")
      List<String> posts =
          (List<String>)
              js(
                  "return performance.getEntriesByType('resource').map(e => e.name)"
                      + ".filter(n => n.includes('/api/overlay?'));");
      assertTrue(
          posts.stream().anyMatch(u -> u.contains("format=csv")),
          "the CSV came from POST api/overlay?format=csv: " + posts);

      String csv = Files.readString(saved, StandardCharsets.UTF_8);
      assertTrue(
          csv.startsWith(
              "section,agency_or_area_id,name,function,status,area_km2,share_of_footprint,share_of_area,areas,footprint_id,footprint_name,date,dataset\n"),
          csv);
      assertFalse(csv.contains("\r"), "LF line ends, as the server writes them");
      String server =
          new String(
              TestHttp.post(
                      base + "api/overlay?date=" + date + "&format=csv",
                      "application/geo+json",
                      polygon.getBytes(StandardCharsets.UTF_8))
                  .body(),
              StandardCharsets.UTF_8);
      assertEquals(server, csv, "the saved file is the server's CSV byte for byte");
      assertTrue(csv.contains("Wellston"), "the report names Wellston");
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void anAttributedFileIsSavedWithASummaryByPatrolAgency() throws IOException {
    String csv =
        "case,lon,lat,date\n"
            + "a,-90.34008,38.70238,2016-05-01\n"
            + "b,-90.34008,38.70238,2020-05-01\n"
            + "c,-90.34008,38.70238,2021-05-01\n"
            + "d,oops,38.70238,2021-05-01\n";
    Path work = Files.createTempDirectory("patrolmap-attr-");
    try {
      Path downloads = Files.createDirectory(work.resolve("downloads"));
      Path upload = Files.writeString(work.resolve("calls.csv"), csv);
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      open("");
      scrollTo("#attribute-form");
      driver.findElement(By.id("attribute-file")).sendKeys(upload.toString());
      driver.findElement(By.id("attribute-submit")).click();
      Path saved = downloads.resolve("calls-attributed.csv");
      waitFor(
          () ->
              Files.exists(saved)
                  && !driver.findElement(By.id("attribute-summary")).getText().isEmpty());
      String summary = text("#attribute-summary");
      assertTrue(summary.contains("North County Police Cooperative 1"), summary);
      assertTrue(summary.contains("St. Ann Police Department 2"), summary);
      assertTrue(summary.contains("Rows that could not be read 1"), summary);
      assertTrue(summary.contains("line 5, column lon"), summary);
      String server =
          new String(
              TestHttp.post(
                      base + "api/attribute?date=" + value("#date-input"),
                      "text/csv",
                      csv.getBytes(StandardCharsets.UTF_8))
                  .body(),
              StandardCharsets.UTF_8);
      assertEquals(server, Files.readString(saved, StandardCharsets.UTF_8), "the server's CSV");
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void theLayerSwitchesDrawDispatchAndContractsWithLegends() {
    open("");
    driver.findElement(By.id("layer-dispatch")).click();
    driver.findElement(By.id("layer-contracts")).click();
    waitFor(
        () ->
            layersSettled()
                && !driver
                    .findElements(By.cssSelector(".leaflet-pm-contracts-pane svg path"))
                    .isEmpty());
    assertTrue(
        driver.findElements(By.cssSelector(".leaflet-pm-dispatch-pane svg path")).size() > 5,
        "dispatch drawn");
    assertTrue(
        text("#legend-dispatch").contains("Bureau of Communications"), text("#legend-dispatch"));
    // the County-contract towns whose dispatch a cited rule decides are shown, labelled as such
    assertTrue(
        text("#legend-dispatch").contains("Bureau of Communications (by rule)"),
        text("#legend-dispatch"));
    assertTrue(text("#legend-contracts").contains("contract"), text("#legend-contracts"));
    assertTrue(
        driver.getCurrentUrl().contains("layers=areas,patrol,dispatch,contracts"),
        driver.getCurrentUrl());
    screenshot("desktop-dispatch-contracts");
  }

  @Test
  void aSharedLinkRestoresTheFootprintTheDateAndTheLayers() {
    open("#date=2016-06-01&layers=areas,dispatch&footprint=normandy-24-1");
    waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
    assertEquals("2016-06-01", value("#date-input"));
    assertEquals("normandy-24-1", value("#footprint-select"));
    assertTrue(
        text("#overlay-report").contains("June 1, 2016"), "the report is for the shared date");
    assertFalse(
        driver.findElement(By.id("layer-patrol")).isSelected(), "patrol off as in the link");
    assertTrue(
        driver.findElement(By.id("layer-dispatch")).isSelected(), "dispatch on as in the link");
  }

  @Test
  void anAddressWithNoMatchShowsAMessageAndTheMapKeepsWorking() {
    open("");
    search("1 Nowhere Lane, Atlantis");
    waitFor(() -> text("#search-message").contains("No address found"));
    assertTrue(
        driver.findElement(By.id("error-banner")).getAttribute("hidden") != null,
        "no error banner for an answer with no match");
    assertTrue(areaPaths() > 100, "the map is still drawn");
    screenshot("desktop-search-none");

    search("110 Church St, Ferguson, MO");
    waitForAnswer();
    assertEquals("Ferguson", text("#card-title"));
    assertTrue(text("#search-message").contains("110 CHURCH ST"), text("#search-message"));
  }

  @Test
  void onAPhoneTheMapAndTheCardFitTheScreen() {
    viewport(PHONE);
    open(view(WELLSTON, 15));
    screenshot("phone-map");
    scrollTo("#map");
    clickMap(WELLSTON);
    waitForAnswer();
    assertEquals("North County Police Cooperative", text("#card [data-role=patrol] .agency-name"));
    Number overflow =
        (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
    assertTrue(
        overflow.intValue() <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
    waitFor(() -> driver.findElement(By.id("answer-sheet")).isDisplayed());
    assertTrue(
        text("#answer-sheet").contains("North County Police Cooperative"),
        "the phone's bottom sheet sums up the answer");
    screenshot("phone-map-sheet");
    scrollTo("#card");
    screenshot("phone-card");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The page this big; a phone's width is emulated as a mobile device. */
  private static void viewport(Dimension size) {
    browser.viewport(size.width, size.height, size.width < 700, false);
  }

  private static String view(double[] lonLat, int zoom) {
    return "#lat=" + lonLat[1] + "&lon=" + lonLat[0] + "&z=" + zoom;
  }

  /** Loads the page afresh and waits until the areas are drawn. */
  private static void open(String hash) {
    driver.get("about:blank");
    driver.get(base + hash);
    waitFor(() -> "true".equals(attr("body", "data-ready")));
    waitFor(WebMapIT::layersSettled);
  }

  /** No layer is loading. */
  private static boolean layersSettled() {
    return driver.findElements(By.cssSelector("[data-layer-state][data-state=loading]")).isEmpty();
  }

  /** A real mouse click on the map at the pixel of a lon/lat. */
  private static void clickMap(double[] lonLat) {
    WebElement map = driver.findElement(By.id("map"));
    @SuppressWarnings("unchecked")
    List<Number> p =
        (List<Number>)
            js(
                "const p = window.patrolmap.map.latLngToContainerPoint([arguments[1], arguments[0]]); return [p.x, p.y];",
                lonLat[0],
                lonLat[1]);
    Dimension size = map.getSize();
    int dx = (int) Math.round(p.get(0).doubleValue() - size.width / 2.0);
    int dy = (int) Math.round(p.get(1).doubleValue() - size.height / 2.0);
    new Actions(driver).moveToElement(map, dx, dy).click().perform();
  }

  /**
   * Types a date into the date field the way a keyboard user does (month, day, year), then leaves
   * it.
   */
  private static void typeDate(String mmddyyyy) {
    WebElement date = driver.findElement(By.id("date-input"));
    date.sendKeys(mmddyyyy);
    date.sendKeys(Keys.TAB);
  }

  private static void search(String address) {
    WebElement input = driver.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(address);
    driver.findElement(By.id("search-button")).click();
  }

  private static void waitForAnswer() {
    waitFor(
        () ->
            "answer".equals(attr("#card", "data-state"))
                && "false".equals(attr("#card", "aria-busy")));
  }

  private static String todayWords() {
    return (String)
        js(
            "return new Intl.DateTimeFormat('en-US', {month: 'long', day: 'numeric', year: 'numeric'})"
                + ".format(new Date(document.getElementById('date-input').value + 'T12:00:00'));");
  }

  private static int areaPaths() {
    return driver.findElements(By.cssSelector(".leaflet-pm-areas-pane svg path")).size();
  }

  /** The area names the map shows at the current zoom. */
  @SuppressWarnings("unchecked")
  private static List<String> visibleLabels() {
    return (List<String>)
        js(
            "return [...document.querySelectorAll('.pm-label .pm-label-name')]"
                + ".map(n => n.textContent);");
  }

  private static int patrolPaths() {
    return driver.findElements(By.cssSelector(".leaflet-pm-patrol-pane svg path")).size();
  }

  private static void scrollTo(String css) {
    js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});", css);
  }

  private static Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  private static String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText().trim();
  }

  private static String value(String css) {
    return browser.value(css);
  }

  private static String attr(String css, String name) {
    return browser.attr(css, name);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    browser.waitFor(condition);
  }

  private static void screenshot(String name) {
    browser.screenshot(SHOTS, name);
  }
}
