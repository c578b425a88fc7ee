package org.patrolmap.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.patrolmap.App;
import org.patrolmap.json.Json;
import org.patrolmap.store.Database;
import org.patrolmap.testing.HeadlessChromium;
import org.patrolmap.testing.TestServer;

/**
 * The data-quality page and the correction form in headless Chromium on the real import: the page's
 * figures equal the import's QA report kept with the served dataset, and an unknown area's "Suggest
 * a correction" link opens the form pre-filled (area, function, date), which a keyboard user can
 * send and which answers with a receipt and what happens next.
 */
class QualityPageIT {
  private static App.Running app;
  private static String base;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    TestServer.get();
    app = App.start(TestServer.config().withPort(0));
    base = "http://127.0.0.1:" + app.server().port() + "/";
    java.util.logging.Logger.getLogger("org.openqa.selenium")
        .setLevel(java.util.logging.Level.SEVERE);
    browser = HeadlessChromium.start(1280, 900);
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

  @Test
  void figuresEqualTheImportReportAndALinkPrefillsTheCorrectionForm() throws Exception {
    // The served dataset's QA report (other tests may have imported again, for another date).
    app.datasets().refresh();
    long served = currentDataset();
    JsonNode facts = qaReport(served).path("facts");
    String date = facts.path("date").asText();
    driver.get(base + "quality.html?date=" + date);
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.until(
        d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    String summary = driver.findElement(By.id("q-summary")).getText();
    long dataset = Long.parseLong(summary.replaceAll(".*\\(dataset (\\d+)\\).*", "$1"));
    assertEquals(served, dataset, "the page shows the served dataset");
    for (String fn : List.of("patrol", "dispatch")) {
      WebElement row =
          driver.findElement(By.cssSelector("#q-coverage tr[data-function='" + fn + "']"));
      int cited = Integer.parseInt(row.findElement(By.className("q-cited")).getText());
      int rule = Integer.parseInt(row.findElement(By.className("q-rule")).getText());
      int unknown = Integer.parseInt(row.findElement(By.className("q-unknown")).getText());
      assertEquals(facts.path(fn).path("known").asInt(), cited + rule, fn + " known");
      assertEquals(facts.path(fn).path("unknown").asInt(), unknown, fn + " unknown");
      assertEquals(
          facts.path(fn).path("unknown").asInt(),
          driver.findElements(By.cssSelector("ul[data-function='" + fn + "'] li")).size(),
          fn + " unknown areas listed");
    }
    String stale = driver.findElement(By.id("q-stale-summary")).getDomProperty("textContent");
    int staleCount = facts.path("facts_in_force_with_sources_older_than_5_years").asInt();
    assertTrue(stale.startsWith(staleCount + " facts"), () -> stale + " vs " + staleCount);

    WebElement first =
        driver.findElement(By.cssSelector("ul[data-function='dispatch'] li a.suggest-link"));
    String href = first.getDomAttribute("href");
    String area = href.replaceAll(".*area=([^&]+).*", "$1");
    first.click();
    wait.until(
        d -> "true".equals(d.findElement(By.id("correction-form")).getDomAttribute("data-ready")));
    assertEquals(area, driver.findElement(By.id("f-area")).getDomProperty("value"));
    assertEquals("dispatch", driver.findElement(By.id("f-function")).getDomProperty("value"));
    assertEquals(date, driver.findElement(By.id("f-date")).getDomProperty("value"));

    // An empty problem is refused with the field marked; then a keyboard user completes and sends.
    driver.findElement(By.id("f-submit")).click();
    wait.until(d -> !d.findElement(By.id("f-result")).getText().isBlank());
    assertEquals("true", driver.findElement(By.id("f-problem")).getDomAttribute("aria-invalid"));
    driver.findElement(By.id("f-problem")).sendKeys("No dispatcher is shown (browser test).");
    // Tab to the button (past every field, never into the hidden honeypot) and press Enter.
    for (int i = 0;
        i < 20 && !"f-submit".equals(driver.switchTo().activeElement().getDomAttribute("id"));
        i++) {
      assertTrue(!"f-website".equals(driver.switchTo().activeElement().getDomAttribute("id")));
      driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    }
    assertEquals("f-submit", driver.switchTo().activeElement().getDomAttribute("id"));
    driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(d -> d.findElement(By.id("f-result")).getDomAttribute("data-receipt") != null);
    String result = driver.findElement(By.id("f-result")).getText();
    assertTrue(result.contains("receipt number is c-"), result);
    assertTrue(result.contains("Nothing on the map changes"), result);
    try (Database db = Database.open(TestServer.config().dbUrl(), 1)) {
      assertEquals(
          1, count(db, driver.findElement(By.id("f-result")).getDomAttribute("data-receipt")));
    }
  }

  private static long currentDataset() throws Exception {
    try (Database db = Database.open(TestServer.config().dbUrl(), 1);
        Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("select dataset_id from current_dataset");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static JsonNode qaReport(long dataset) throws Exception {
    try (Database db = Database.open(TestServer.config().dbUrl(), 1);
        Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("select qa::text from dataset where id = ?")) {
      ps.setLong(1, dataset);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Json.tree(rs.getString(1));
      }
    }
  }

  private static long count(Database db, String id) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("select count(*) from correction where id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
