package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompatibilityTableTest {

    private static final CompatibilityTable TABLE = CompatibilityTable.load();

    @Test
    void theTableDecidesTheVariant() {
        assertEquals(PageVariant.LAUNCH, TABLE.verdictFor(BrowserFamily.CHROME).variant());
        assertEquals(PageVariant.LAUNCH, TABLE.verdictFor(BrowserFamily.EDGE).variant());
        assertEquals(
                PageVariant.IE_COMPAT,
                TABLE.verdictFor(BrowserFamily.IE11_OR_EDGE_IE_MODE).variant());
        for (BrowserFamily unsupported : new BrowserFamily[] {
            BrowserFamily.FIREFOX, BrowserFamily.SAFARI, BrowserFamily.OLD_IE, BrowserFamily.UNKNOWN
        }) {
            BrowserVerdict verdict = TABLE.verdictFor(unsupported);
            assertEquals(PageVariant.UNSUPPORTED, verdict.variant(), unsupported.name());
            assertTrue(verdict.guidance().contains("Microsoft Edge or Google Chrome"), unsupported.name());
        }
    }

    @Test
    void theTableShowsTheNationalGuideRowsAndMarksYourBrowser() {
        String html = TABLE.toHtml(BrowserFamily.EDGE).toString();
        assertTrue(html.contains(
                "<th scope=\"row\">Identity Agent 2.3.0.0 (or above) + NHS Credential Management software</th>"));
        assertTrue(html.contains("<th scope=\"row\">Identity Agent 2.3.2.0 (or below) only</th>"));
        assertTrue(html.contains("<li class=\"compat__yours\">Edge <strong class=\"tag\">your browser</strong></li>"));
        assertTrue(html.contains("Edge (with IE Compatibility Enabled)"));
        assertTrue(html.contains("*Java is a pre-requisite for using Internet Explorer 11."));
        assertFalse(TABLE.toHtml(BrowserFamily.FIREFOX).toString().contains("your browser"));
    }

    private static CompatibilityTable parse(String json) throws Exception {
        return CompatibilityTable.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnlistedBrowserWithoutGuidanceIsRefused() {
        String json = CompatibilityTestData.allBrowsers("{\"id\":\"firefox\",\"name\":\"Firefox\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains("firefox"));
    }

    @Test
    void aMissingBrowserOrUnknownIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("{\"table\":{\"rows\":[]},\"browsers\":[]}"));
        assertThrows(
                IllegalArgumentException.class,
                () -> parse(
                        CompatibilityTestData.allBrowsers("{\"id\":\"netscape\",\"name\":\"N\",\"guidance\":\"g\"}")));
    }

    @Test
    void movingFirefoxIntoATableRowMakesItSupported() throws Exception {
        String json = CompatibilityTestData.allBrowsers("{\"id\":\"firefox\",\"name\":\"Firefox\"}")
                .replace(
                        "\"rows\":[",
                        "\"rows\":[{\"machine\":\"Test\",\"browsers\":[{\"browser\":\"firefox\",\"label\":\"Firefox\"}]},");
        assertEquals(
                PageVariant.LAUNCH,
                parse(json).verdictFor(BrowserFamily.FIREFOX).variant());
    }

    /** A minimal valid document plus one extra browser entry. */
    static final class CompatibilityTestData {
        static String allBrowsers(String extra) {
            return "{\"table\":{\"caption\":\"c\",\"machineHeading\":\"m\",\"browsersHeading\":\"b\",\"rows\":["
                    + "{\"machine\":\"IA\",\"browsers\":[{\"browser\":\"edge\",\"label\":\"Edge\"},{\"browser\":\"chrome\",\"label\":\"Chrome\"},"
                    + "{\"browser\":\"ie11\",\"label\":\"IE11\"}]}]},\"browsers\":["
                    + "{\"id\":\"edge\",\"name\":\"Edge\"},{\"id\":\"chrome\",\"name\":\"Chrome\"},"
                    + "{\"id\":\"ie11\",\"name\":\"IE\",\"ieCompat\":true},"
                    + "{\"id\":\"old-ie\",\"name\":\"old\",\"guidance\":\"g\"},{\"id\":\"safari\",\"name\":\"s\",\"guidance\":\"g\"},"
                    + "{\"id\":\"unknown\",\"name\":\"u\",\"guidance\":\"g\"}," + extra + "]}";
        }
    }
}
