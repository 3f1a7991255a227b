package io.ledgerflow.localstack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Chromium of the operating system's packages, headless, driven through its own chromedriver. Both paths
 * are given, so Selenium Manager never looks for (or downloads) a browser or driver. A fresh profile per run.
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ledgerflow.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ledgerflow.chromedriver", "/usr/bin/chromedriver"));

    private final Path profile;
    final ChromeDriver driver;

    private DashboardBrowser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips the calling test, naming the missing binary, on a machine without Chromium. */
    static void assumeInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            assumeTrue(Files.isExecutable(binary), () -> "browser test skipped: " + binary + " is not installed "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        }
    }

    static DashboardBrowser open() {
        Path profile;
        try {
            profile = Files.createTempDirectory("ledgerflow-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new DashboardBrowser(profile, driver);
    }

    WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    String text(String cssSelector) {
        List<WebElement> found = findAll(cssSelector);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    String attribute(String cssSelector, String name) {
        List<WebElement> found = findAll(cssSelector);
        return found.isEmpty() ? null : found.get(0).getDomAttribute(name);
    }

    Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the operating system cleans it up eventually
            }
        }
    }
}
