package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The pages in a real browser (Debian chromium, headless), one fresh browser per case, claiming
 * to be Chrome, Edge, IE11 / Edge IE mode or Firefox. Checks what a user reads, that the launch
 * button downloads a launchable JNLP, and writes a screenshot of each variant to
 * {@code target/screenshots/}.
 */
class BrowserVariantsTest {

    static TestSite site;
    static Path screenshots = Path.of(System.getProperty("launch.screenshots.dir", "target/screenshots"));

    @BeforeAll
    static void startSite() throws Exception {
        HeadlessChromium.requireInstalled();
        site = TestSite.start(null, b -> b.offerJnlpx(true));
    }

    @AfterAll
    static void stopSite() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    private static String visibleText(WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }

    private static WebElement byId(WebDriver driver, String id) {
        return driver.findElement(By.id(id));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void assertContactsShown(String text) {
        assertTrue(text.contains(TestSite.TRUST.trustName()), "trust name");
        assertTrue(text.contains("ext 5499"), "IT phone");
        assertTrue(text.contains("Service Desk icon"), "service desk");
        assertTrue(text.contains("local registration authority"), "RA");
        assertTrue(text.contains("ext 4321 or ra@testvalley.example"), "RA contact");
    }

    /** Clicks the launch button and checks the downloaded JNLP and, over plain HTTP, its headers. */
    private static void clickLaunchAndCheckDownload(HeadlessChromium browser) throws Exception {
        WebElement button = byId(browser.driver(), "launch-button");
        assertEquals("Start smartcard renewal", button.getText());
        button.click();
        Path jnlp = browser.awaitDownload("selfrenewal.jnlp", Duration.ofSeconds(20));
        JnlpAssertions.assertLaunchable(Files.readString(jnlp), site, "selfrenewal.jnlp");
    }

    private static void assertChromiumLaunchPage(HeadlessChromium browser, String browserName, String screenshot)
            throws Exception {
        WebDriver driver = browser.driver();
        driver.get(site.url(LaunchPaths.RENEWAL_PAGE).toString());
        String text = visibleText(driver);
        assertTrue(text.contains("Renew your smartcard certificates"));
        assertTrue(text.contains("You are using " + browserName + ", a compatible web browser"), text);
        assertTrue(text.contains("Open the downloaded file."));
        assertTrue(text.contains(browserName + " does not open it by itself"));
        assertTrue(text.contains("starting the renewal program directly with OpenWebStart"));
        assertContactsShown(text);
        assertEquals(
                "jnlp://" + site.base().getRawAuthority() + "/urswebapp/selfrenewal.jnlp",
                byId(driver, "jnlps-link").getAttribute("href"));
        WebElement help = byId(driver, "nothing-happened");
        assertFalse(help.isDisplayed(), "'Nothing happened?' waits for the launch click");
        browser.screenshot(screenshots.resolve(screenshot));

        clickLaunchAndCheckDownload(browser);
        byId(driver, "jnlps-link").click();
        assertTrue(
                browser.awaitNavigationRequest(
                        "jnlp://" + site.base().getRawAuthority() + "/urswebapp/selfrenewal.jnlp",
                        Duration.ofSeconds(10)),
                "the browser hands the jnlp:// link to the OS (OpenWebStart)");
        awaitTrue(help::isDisplayed, "'Nothing happened?' after the launch click");
        String helpText = help.getText();
        assertTrue(helpText.contains("Nothing happened?"));
        assertTrue(helpText.contains("missing the required software (OpenWebStart)"));
        assertTrue(helpText.contains("ext 5499"));
        assertTrue(helpText.contains("visit your local registration authority"));
    }

    @Test
    void chrome() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.CHROME_UA, true)) {
            assertChromiumLaunchPage(browser, "Google Chrome", "chrome.png");
        }
    }

    @Test
    void edge() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.EDGE_UA, true)) {
            assertChromiumLaunchPage(browser, "Microsoft Edge", "edge.png");
        }
    }

    @Test
    void ie11AndEdgeIeMode() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.IE11_UA, true)) {
            WebDriver driver = browser.driver();
            driver.get(site.url(LaunchPaths.RENEWAL_PAGE).toString());
            String text = visibleText(driver);
            assertTrue(
                    text.contains("You are using Internet Explorer 11 or Edge with IE Compatibility (IE mode)"), text);
            assertTrue(text.contains("When Internet Explorer asks what to do with selfrenewal.jnlp, select Open."));
            assertTrue(text.contains("If the button starts an old Oracle Java instead of OpenWebStart"));
            assertContactsShown(text);
            assertFalse(byId(driver, "old-ie-mode").isDisplayed());
            assertFalse(byId(driver, "nothing-happened").isDisplayed());
            browser.screenshot(screenshots.resolve("ie11.png"));

            clickLaunchAndCheckDownload(browser);
            awaitTrue(
                    () -> byId(driver, "nothing-happened").isDisplayed(), "'Nothing happened?' after the launch click");

            String href = byId(driver, "launch-button").getAttribute("href");
            HttpResponse<String> download =
                    site.get(href.substring(site.base().toString().length()), TestSite.IE11_UA);
            assertEquals(
                    "application/x-java-jnlp-file",
                    download.headers().firstValue("Content-Type").orElse(""));
            assertEquals(
                    "attachment; filename=\"selfrenewal.jnlp\"",
                    download.headers().firstValue("Content-Disposition").orElse(""));
            LaunchSiteHttpTest.assertIeCanSave(download);
            HttpResponse<String> jnlpx = site.get("/urswebapp/selfrenewal.jnlpx", TestSite.IE11_UA);
            assertEquals(
                    "application/x-java-jnlpx-file",
                    jnlpx.headers().firstValue("Content-Type").orElse(""));
            LaunchSiteHttpTest.assertIeCanSave(jnlpx);
        }
    }

    @Test
    void ie11InAnOldDocumentModeIsToldToSwitch() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.IE11_UA, true)) {
            // What IE11 reports when an enterprise-mode list forces IE7 document mode.
            browser.driver()
                    .executeCdpCommand(
                            "Page.addScriptToEvaluateOnNewDocument",
                            Map.of(
                                    "source",
                                    "Object.defineProperty(Document.prototype, 'documentMode', {get: function () { return 7; }});"));
            WebDriver driver = browser.driver();
            driver.get(site.url(LaunchPaths.RENEWAL_PAGE).toString());
            assertTrue(byId(driver, "old-ie-mode").isDisplayed());
            assertFalse(byId(driver, "ie-launch").isDisplayed());
            String text = visibleText(driver);
            assertTrue(text.contains("Internet Explorer is showing this page in an old mode (document mode 7)."), text);
            assertTrue(text.contains("Open the web link in Microsoft Edge or Google Chrome instead."));
            browser.screenshot(screenshots.resolve("ie11-old-document-mode.png"));
        }
    }

    @Test
    void firefox() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.FIREFOX_UA, true)) {
            WebDriver driver = browser.driver();
            driver.get(site.url(LaunchPaths.RENEWAL_PAGE).toString());
            String text = visibleText(driver);
            assertTrue(text.contains("Use a different web browser"));
            assertTrue(text.contains("You are using Mozilla Firefox."));
            assertTrue(text.contains("Firefox is not a compatible web browser for the self-renewal service."));
            assertTrue(text.contains("Microsoft Edge or Google Chrome"));
            assertContactsShown(text);
            assertTrue(driver.findElements(By.id("launch-button")).isEmpty());
            assertEquals(
                    site.url(LaunchPaths.RENEWAL_PAGE).toString(),
                    byId(driver, "service-link").getAttribute("value"));
            browser.screenshot(screenshots.resolve("firefox.png"));
        }
    }

    @Test
    void withoutJavascriptThePageExplainsAndTheButtonDownloads() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.CHROME_UA, false)) {
            WebDriver driver = browser.driver();
            driver.get(site.url(LaunchPaths.RENEWAL_PAGE).toString());
            String text = visibleText(driver);
            assertTrue(text.contains("Open the downloaded file."));
            assertTrue(byId(driver, "nothing-happened").isDisplayed(), "without JavaScript the help is always there");
            browser.screenshot(screenshots.resolve("chrome-no-javascript.png"));
            clickLaunchAndCheckDownload(browser);
        }
    }

    @Test
    void servicePageForAMissingOperation() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(TestSite.CHROME_UA, true)) {
            WebDriver driver = browser.driver();
            driver.get(site.url("/urswebapp/").toString());
            String text = visibleText(driver);
            assertTrue(text.contains("What this service is"));
            assertContactsShown(text);
            browser.screenshot(screenshots.resolve("service-information.png"));
            byId(driver, "renewal-link").click();
            assertTrue(visibleText(driver).contains("You are using Google Chrome"));
        }
    }
}
