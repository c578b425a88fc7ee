package org.patrolmap.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one headless Debian Chromium of the web tests, driven by Debian's chromedriver (Selenium
 * Manager has nothing to look up), with a fresh profile deleted on close. Under {@code CI=true} a
 * missing browser or driver fails the test instead of skipping it.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  /**
   * Starts the browser with a window of {@code width}×{@code height} and the console log kept (for
   * the tests that read it).
   */
  public static HeadlessChromium start(int width, int height) throws IOException {
    TestServer.requireOrSkip(
        Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is missing (Debian package chromium)");
    TestServer.requireOrSkip(
        Files.isExecutable(Path.of(CHROMEDRIVER)),
        CHROMEDRIVER + " is missing (Debian package chromium-driver)");
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    Path profile = Files.createTempDirectory("patrolmap-chromium-");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height,
            "--lang=en-US"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    return new HeadlessChromium(profile, service, new ChromeDriver(service, o));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Runs a script in the page and returns its value. */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The value of the input {@code css} selects. */
  public String value(String css) {
    return driver.findElement(By.cssSelector(css)).getAttribute("value");
  }

  /** An attribute of the first element {@code css} selects, or null when there is none. */
  public String attr(String css, String name) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getAttribute(name);
  }

  /**
   * Makes the page itself (not the window frame) this big through Chromium's device-metrics
   * emulation (deterministic, unlike resizing a headless window), as a phone ({@code mobile}) or
   * not, with or without touch input.
   */
  public void viewport(int width, int height, boolean mobile, boolean touch) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        java.util.Map.of(
            "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    driver.executeCdpCommand(
        "Emulation.setTouchEmulationEnabled",
        java.util.Map.of("enabled", touch, "maxTouchPoints", 5));
  }

  /** Waits (generously: the machine is shared) for a condition about the page. */
  public void waitFor(BooleanSupplier condition) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class)
        .until((WebDriver d) -> condition.getAsBoolean());
  }

  /** Saves a screenshot as {@code dir/name.png} once the page has painted. */
  public void screenshot(Path dir, String name) {
    js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));");
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    try {
      Files.copy(png, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("could not save screenshot " + name, e);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    service.stop();
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
