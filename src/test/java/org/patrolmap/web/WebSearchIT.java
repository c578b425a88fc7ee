package org.patrolmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.patrolmap.App;
import org.patrolmap.AppConfig;
import org.patrolmap.testing.HeadlessChromium;
import org.patrolmap.testing.TestServer;

/**
 * Issue 14 in real headless Chromium against the real import, with the address service
 * <em>unreachable</em> (its URL is a closed port, as when a phone is offline from the Census or the
 * Census is down): place search from the server's own gazetteer, keyboard-only lookup, the
 * live-region line, the outline after a lookup, the phone bottom sheet and one-finger page scroll,
 * sliver folding, Clear after a bad upload, compare two dates, and axe-core with no violations in
 * each state visited. Screenshots go to {@code target/screenshots/}.
 */
class WebSearchIT {

  /**
   * axe-core from npm (a test tool, never shipped): {@code make test} installs it here; {@code
   * -Dpatrolmap.axe=} points elsewhere.
   */
  private static final Path AXE =
      Path.of(
          System.getProperty(
              "patrolmap.axe", "target/web-test-tools/node_modules/axe-core/axe.min.js"));

  private static final Dimension DESKTOP = new Dimension(1366, 800);
  private static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final double[] WELLSTON = {-90.2843, 38.6804};

  private static App.Running app;
  private static String base;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static String axe;

  @BeforeAll
  static void start() throws IOException {
    TestServer.get();
    TestServer.requireOrSkip(
        Files.isRegularFile(AXE), AXE + " is missing (npm axe-core; `make test` installs it)");
    axe = Files.readString(AXE, StandardCharsets.UTF_8);
    AppConfig cfg = TestServer.config();
    Map<String, String> flags = new HashMap<>();
    flags.put("DB_URL", cfg.dbUrl());
    flags.put("PROJECT_DIR", cfg.projectDir().toString());
    flags.put("PORT", "0");
    flags.put("TILE_URL", "");
    flags.put("GEOCODER_URL", "http://127.0.0.1:1/geocoder"); // nothing listens: unreachable
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
  }

  @BeforeEach
  void desktopWindow() {
    viewport(DESKTOP, false);
    driver.manage().logs().get(LogType.BROWSER);
  }

  /**
   * The console stays clean but for the answers these tests provoke, which Chromium logs as failed
   * requests: the server's 502 for the unreachable address service, and its 422 for a footprint
   * outside the two counties.
   */
  @AfterEach
  void consoleHasNoErrors() {
    List<String> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> !(m.contains("api/geocode") && m.contains("502")))
            .filter(m -> !(m.contains("api/overlay") && m.contains("422")))
            .collect(Collectors.toList());
    assertTrue(severe.isEmpty(), () -> "browser console errors: " + severe);
  }

  // ---- search ---------------------------------------------------------------------------------

  @Test
  void placesAgenciesAndTyposAreFoundWithTheAddressServiceDown() {
    open("");
    axeFindsNothing("desktop, first load");

    search("Ferguson");
    waitForTitle("Ferguson");
    waitFor(() -> outlined() == 1);
    assertTrue(announced().startsWith("Ferguson: Ferguson Police Department"), announced());
    double zoom = ((Number) js("return window.patrolmap.map.getZoom();")).doubleValue();
    assertTrue(zoom >= 12, "brought into view: zoom " + zoom);
    screenshot("search-ferguson");
    axeFindsNothing("desktop, after a lookup");

    search("mehlville");
    waitFor(() -> text("#card-title").contains("Mehlville"));
    assertEquals("Showing: Mehlville", text("#search-message"));

    search("Ferguson PD");
    waitFor(() -> text("#search-message").equals("Showing: Ferguson Police Department"));
    waitForTitle("Ferguson");

    // A typo lists what it might mean; the first is chosen with Enter.
    search("Kirkwod");
    waitFor(() -> !options().isEmpty());
    assertEquals("Kirkwood", options().get(0).split("\n")[0]);
    driver.findElement(By.id("search-input")).sendKeys(Keys.ENTER);
    waitForTitle("Kirkwood");

    // A street address needs the address service: one calm line, no banner, no class names.
    search("110 Church St, Ferguson");
    waitFor(() -> text("#search-message").contains("not reachable"));
    assertTrue(
        driver.findElement(By.id("error-banner")).getAttribute("hidden") != null,
        "no error banner for an unreachable address service");
    String page = text("body");
    assertFalse(page.contains("Exception"), "no exception class names on the page");
    screenshot("search-address-offline");
  }

  @Test
  void aLookupIsDoneWithTheKeyboardAloneAndAnnouncedInOneLine() {
    open("");
    WebElement input = driver.findElement(By.id("search-input"));
    input.click();
    input.sendKeys("Wellst");
    waitFor(() -> !options().isEmpty());
    assertEquals("true", input.getAttribute("aria-expanded"));
    input.sendKeys(Keys.ARROW_DOWN);
    String active = input.getAttribute("aria-activedescendant");
    assertEquals("true", attr("#" + active, "aria-selected"));
    input.sendKeys(Keys.ENTER);
    waitForTitle("Wellston");
    waitFor(() -> "card-title".equals(js("return document.activeElement.id;")));
    assertTrue(announced().startsWith("Wellston: North County Police Cooperative"), announced());
    // The polygons are not Tab stops: keyboard users search, or move the map and press Enter.
    Number stops =
        (Number)
            js(
                "return [...document.querySelectorAll('#map .leaflet-interactive')]"
                    + ".filter(e => e.tabIndex >= 0).length;");
    assertEquals(0, stops.intValue(), "polygons in the Tab order");
    // Arrow keys pan the focused map; Enter looks up its centre.
    WebElement map = driver.findElement(By.id("map"));
    js("arguments[0].focus();", map);
    // the zoom to Wellston may still be animating: its moveend must not stand for the arrow's
    waitFor(MAP_IDLE);
    js(
        "window.pmMoved = false; window.patrolmap.map.once('moveend', () => { window.pmMoved = true; });");
    map.sendKeys(Keys.ARROW_LEFT);
    waitFor(() -> Boolean.TRUE.equals(js("return window.pmMoved;")));
    waitFor(MAP_IDLE);
    map.sendKeys(Keys.ENTER);
    waitFor(
        () ->
            (Boolean)
                js(
                    "const c = window.patrolmap.map.getCenter();"
                        + " const pt = new URLSearchParams(location.hash.slice(1)).get('pt');"
                        + " if (!pt) return false;"
                        + " const [lon, lat] = pt.split(',').map(Number);"
                        + " return Math.abs(lon - c.lng) < 1e-5 && Math.abs(lat - c.lat) < 1e-5;"));
    waitFor(() -> "answer".equals(attr("#card", "data-state")));
  }

  // ---- phone ----------------------------------------------------------------------------------

  @Test
  void onAPhoneOneFingerScrollsThePageAndTheAnswerIsABottomSheetWith911() {
    viewport(PHONE, true);
    open("#lat=" + WELLSTON[1] + "&lon=" + WELLSTON[0] + "&z=14");
    assertEquals(
        Boolean.FALSE,
        js("return window.patrolmap.map.dragging.enabled();"),
        "one-finger drag is off on a touch screen");
    assertTrue(
        String.valueOf(js("return getComputedStyle(document.getElementById('map')).touchAction;"))
            .contains("pan-y"),
        "the browser scrolls the page on a one-finger swipe");
    js("document.getElementById('map').scrollIntoView({block: 'start'});");
    clickMap(WELLSTON);
    waitForTitle("Wellston");
    waitFor(() -> driver.findElement(By.id("answer-sheet")).isDisplayed());
    String sheet = text("#answer-sheet");
    assertTrue(sheet.contains("Wellston"), sheet);
    assertTrue(sheet.contains("North County Police Cooperative"), sheet);
    assertTrue(sheet.contains("911"), "the sheet keeps the 911 line: " + sheet);
    assertTrue(driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty(), "no popup");
    screenshot("phone-sheet");
    axeFindsNothing("phone, sheet open");
    driver.findElement(By.id("sheet-close")).click();
    waitFor(() -> !driver.findElement(By.id("answer-sheet")).isDisplayed());
  }

  // ---- planner --------------------------------------------------------------------------------

  @Test
  void theNormandyReportFoldsBoundarySliversIntoEdgeEffects() {
    open("");
    waitFor(
        () ->
            !driver
                .findElements(By.cssSelector("#footprint-select option[value='normandy-24-1']"))
                .isEmpty());
    new Select(driver.findElement(By.id("footprint-select"))).selectByValue("normandy-24-1");
    waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
    String edges = text("[data-role=edge-effects]");
    assertTrue(
        edges.contains("City of St. Louis"), "the City's sliver is an edge effect: " + edges);
    String areas = text("#overlay-areas");
    assertFalse(areas.contains("City of St. Louis"), "the City is not listed as coverage");
    assertTrue(areas.contains("Normandy"), areas);
    assertTrue(text("#planner-message").contains("edge effects"), text("#planner-message"));
    scrollTo("#overlay-report");
    screenshot("planner-edge-effects");
    axeFindsNothing("planner report");
  }

  @Test
  void aRejectedUploadLeavesNoOldReportAndClearResets() throws IOException {
    open("");
    waitFor(
        () ->
            !driver
                .findElements(By.cssSelector("#footprint-select option[value='normandy-24-1']"))
                .isEmpty());
    new Select(driver.findElement(By.id("footprint-select"))).selectByValue("normandy-24-1");
    waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
    Path bad = Files.createTempFile("patrolmap-bad-", ".geojson");
    try {
      Files.writeString(bad, "{not json", StandardCharsets.UTF_8);
      driver.findElement(By.id("footprint-upload")).sendKeys(bad.toString());
      waitFor(() -> text("#planner-message").contains("not valid JSON"));
      assertFalse(driver.findElement(By.id("overlay-report")).isDisplayed(), "old report gone");
      assertTrue(
          driver.findElements(By.cssSelector(".leaflet-pm-footprint-pane path")).isEmpty(),
          "old outline gone");
      assertEquals("", value("#footprint-select"));
      // Outside the two counties: the server refuses it, and nothing is left either.
      Files.writeString(
          bad,
          "{\"type\":\"Polygon\",\"coordinates\":[[[-95,40],[-94.9,40],[-94.9,40.1],[-95,40]]]}",
          StandardCharsets.UTF_8);
      driver.findElement(By.id("footprint-upload")).sendKeys(bad.toString());
      waitFor(() -> text("#planner-message").contains("could not be used"));
      assertTrue(
          driver.findElements(By.cssSelector(".leaflet-pm-footprint-pane path")).isEmpty(),
          "no outline of a refused polygon");
      driver.findElement(By.id("planner-clear")).click();
      waitFor(() -> text("#planner-message").contains("cleared"));
      assertEquals("", value("#footprint-upload"));
    } finally {
      Files.deleteIfExists(bad);
    }
  }

  // ---- compare two dates ----------------------------------------------------------------------

  @Test
  void comparingCharlackIn2016With2020ShowsItsPatrolChange() {
    open("#date=2016-06-01&footprint=normandy-24-1");
    waitFor(() -> "true".equals(attr("#overlay-report", "data-loaded")));
    driver.findElement(By.cssSelector("#compare summary")).click();
    js("document.getElementById('compare-date').value = '2020-06-01';");
    driver.findElement(By.id("compare-run")).click();
    waitFor(() -> text("#compare-message").contains("changed patrol or dispatch provider"));
    String table = text("#compare-table");
    assertTrue(
        table.contains("Charlack Patrol North County Police Cooperative St. Ann Police Department"),
        table);
    assertTrue(
        driver.findElements(By.cssSelector(".leaflet-pm-compare-pane path")).size() >= 1,
        "changed areas hatched on the map");
    String side = text("#compare-footprint-patrol");
    assertTrue(side.contains("Normandy Police Department"), "footprint side by side: " + side);
    screenshot("compare-2016-2020");
    axeFindsNothing("compare two dates");
    driver.findElement(By.id("compare-stop")).click();
    waitFor(() -> driver.findElements(By.cssSelector(".leaflet-pm-compare-pane path")).isEmpty());
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Runs axe-core on the page as it is: WCAG 2.x A/AA and best practices, 0 violations. */
  @SuppressWarnings("unchecked")
  private static void axeFindsNothing(String state) {
    if (js("return typeof window.axe;").equals("undefined")) {
      js(axe);
    }
    Object result =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' — '"
                    + " + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))))"
                    + ".catch(e => done(['axe failed: ' + e]));");
    List<String> violations = (List<String>) result;
    assertEquals(List.of(), violations, "axe-core violations (" + state + ")");
  }

  private static void viewport(Dimension size, boolean touch) {
    browser.viewport(size.width, size.height, touch, touch);
  }

  private static void open(String hash) {
    driver.get("about:blank");
    driver.get(base + hash);
    waitFor(() -> "true".equals(attr("body", "data-ready")));
    waitFor(
        () ->
            driver
                .findElements(By.cssSelector("[data-layer-state][data-state=loading]"))
                .isEmpty());
  }

  private static void search(String text) {
    WebElement input = driver.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(text);
    driver.findElement(By.id("search-button")).click();
  }

  private static List<String> options() {
    return driver.findElements(By.cssSelector("#search-listbox [role=option]")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static int outlined() {
    return driver.findElements(By.cssSelector(".leaflet-pm-found-pane path")).size();
  }

  private static String announced() {
    return String.valueOf(js("return document.getElementById('announce').textContent;"));
  }

  private static void waitForTitle(String title) {
    waitFor(
        () -> title.equals(text("#card-title")) && "answer".equals(attr("#card", "data-state")));
  }

  private static void clickMap(double[] lonLat) {
    WebElement map = driver.findElement(By.id("map"));
    @SuppressWarnings("unchecked")
    List<Number> p =
        (List<Number>)
            js(
                "const p = window.patrolmap.map.latLngToContainerPoint([arguments[1], arguments[0]]);"
                    + " return [p.x, p.y];",
                lonLat[0],
                lonLat[1]);
    Dimension size = map.getSize();
    int dx = (int) Math.round(p.get(0).doubleValue() - size.width / 2.0);
    int dy = (int) Math.round(p.get(1).doubleValue() - size.height / 2.0);
    new Actions(driver).moveToElement(map, dx, dy).click().perform();
  }

  private static void scrollTo(String css) {
    js("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});", css);
  }

  private static Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  private static String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }

  private static String value(String css) {
    return browser.value(css);
  }

  private static String attr(String css, String name) {
    return browser.attr(css, name);
  }

  /** The map is not panning, zooming or flying (Leaflet's animation state). */
  private static final java.util.function.BooleanSupplier MAP_IDLE =
      () ->
          Boolean.TRUE.equals(
              js(
                  "const m = window.patrolmap.map;"
                      + " return !m._animatingZoom && !m._flyToFrame"
                      + " && !(m._panAnim && m._panAnim._inProgress);"));

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    browser.waitFor(condition);
  }

  private static void screenshot(String name) {
    browser.screenshot(SHOTS, name);
  }
}
