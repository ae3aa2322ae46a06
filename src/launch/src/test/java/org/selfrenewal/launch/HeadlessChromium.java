package org.selfrenewal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium and chromedriver driven by Selenium, fully offline: fixed binaries, a fresh
 * profile and cache per browser, nothing downloaded. Downloads are allowed into a temp folder via
 * CDP (Chromium treats .jnlp as dangerous and would otherwise block it).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium warns about every CDP version it has no bindings for; we use raw CDP commands only. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path home;
    private final Path downloads;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path home, Path downloads) {
        this.driver = driver;
        this.service = service;
        this.home = home;
        this.downloads = downloads;
    }

    /** Skips (or in CI fails) when Debian's chromium is not installed. */
    static void requireInstalled() {
        RequiredTool.require(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian chromium and chromium-driver are needed: apt-get install -y chromium chromium-driver");
    }

    /** Starts a browser that claims to be {@code userAgent}. */
    static HeadlessChromium start(String userAgent, boolean javascriptEnabled) throws IOException {
        System.setProperty("SE_OFFLINE", "true");
        Path home = Files.createTempDirectory("launch-chromium-");
        Path downloads = Files.createDirectories(home.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + home.resolve("profile"),
                "--user-agent=" + userAgent,
                "--window-size=1100,900",
                "--lang=en-GB");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        if (!javascriptEnabled) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        // CDP events (e.g. Page.frameRequestedNavigation for jnlp:// links) land in the performance log.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of(
                        "XDG_CACHE_HOME",
                        home.resolve("cache").toString(),
                        "XDG_CONFIG_HOME",
                        home.resolve("config").toString(),
                        "SE_OFFLINE",
                        "true"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
        return new HeadlessChromium(driver, service, home, downloads);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Waits for a finished download called {@code fileName}. */
    Path awaitDownload(String fileName, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = downloads.resolve(fileName);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && Files.size(file) > 0 && !hasPartialDownloads()) {
                return file;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No download " + fileName + " within " + timeout + "; folder has " + listDownloads());
    }

    private boolean hasPartialDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        }
    }

    /** True once the page asked to navigate to a URL starting with {@code prefix} (seen via CDP). */
    boolean awaitNavigationRequest(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String needle = "\"url\":\"" + prefix;
        while (System.nanoTime() < deadline) {
            for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
                String message = entry.getMessage();
                if (message.contains("Page.frameRequestedNavigation") && message.contains(needle)) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    List<String> listDownloads() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A PNG of the whole page (not only the window). */
    @SuppressWarnings("unchecked")
    void screenshot(Path target) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(target.getParent());
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .map(Path::toFile)
                    .forEach(File::delete);
        } catch (IOException e) {
            // temp folder: nothing to do
        }
    }
}
