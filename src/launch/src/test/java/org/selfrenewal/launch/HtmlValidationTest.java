package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page the site can show - each browser variant, the IE page with the .jnlpx offer, the
 * service information and unknown-operation pages - and both style sheets pass the Nu Html Checker
 * without errors or warnings.
 */
class HtmlValidationTest {

    @Test
    void everyPageAndStyleSheetIsValid() throws Exception {
        VnuValidator validator = VnuValidator.locate();
        Path folder = Files.createDirectories(Path.of("target", "validated-pages"));
        Map<String, String> pages = new LinkedHashMap<>();
        try (TestSite site = TestSite.start(null, b -> b.offerJnlpx(true))) {
            pages.put(
                    "chrome",
                    site.get(LaunchPaths.RENEWAL_PAGE, TestSite.CHROME_UA).body());
            pages.put(
                    "edge", site.get(LaunchPaths.RENEWAL_PAGE, TestSite.EDGE_UA).body());
            pages.put(
                    "ie11", site.get(LaunchPaths.RENEWAL_PAGE, TestSite.IE11_UA).body());
            pages.put(
                    "firefox",
                    site.get(LaunchPaths.RENEWAL_PAGE, TestSite.FIREFOX_UA).body());
            pages.put(
                    "safari",
                    site.get(LaunchPaths.RENEWAL_PAGE, TestSite.SAFARI_UA).body());
            pages.put(
                    "old-ie",
                    site.get(LaunchPaths.RENEWAL_PAGE, TestSite.IE10_UA).body());
            pages.put(
                    "unknown-browser", site.get(LaunchPaths.RENEWAL_PAGE, null).body());
            pages.put(
                    "service-information",
                    site.get("/urswebapp/", TestSite.CHROME_UA).body());
            pages.put(
                    "unknown-operation",
                    site.get("/urswebapp/?operation=unlockSmartcard", TestSite.CHROME_UA)
                            .body());
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            assertTrue(page.getValue().startsWith("<!DOCTYPE html>"), page.getKey());
            files.add(Files.writeString(
                    folder.resolve(page.getKey() + ".html"), page.getValue(), StandardCharsets.UTF_8));
        }
        files.add(Path.of("../../web/css/site.css"));
        files.add(Path.of("../../web/ie-compat/ie-compat.css"));
        assertEquals(List.of(), validator.problems(files));
    }

    @Test
    void theValidatorCatchesMistakes() throws Exception {
        VnuValidator validator = VnuValidator.locate();
        Path folder = Files.createDirectories(Path.of("target", "validated-pages"));
        Path page = folder.resolve("broken.html");
        Files.writeString(
                page,
                "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                        + "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=11\"><title>x</title></head>"
                        + "<body><p><div>x</div></p><input id=\"a\" id=\"a\"></body></html>");
        List<String> problems = validator.problems(List.of(page));
        assertTrue(problems.stream().anyMatch(p -> p.contains("X-UA-Compatible")), problems.toString());
        assertTrue(problems.size() >= 2, problems.toString());
    }
}
