package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The generated JNLP carries the card middleware per operating system, and the platform-trust switch. */
class JnlpCardMiddlewareTest {

    private static final URI SELF = URI.create("https://uim.example.nhs.uk/urswebapp/selfrenewal.jnlp");

    @Test
    void theSiteConfigurationsLibraryAndTokenReachEachOperatingSystemsResources() throws Exception {
        Properties site = new Properties();
        site.setProperty("launch.publicBaseUrl", "https://uim.example.nhs.uk");
        site.setProperty("card.windows.pkcs11Library", "C:\\Program Files\\Card Vendor\\vendor-pkcs11.dll");
        site.setProperty("card.windows.token", "label=NHS Card");
        site.setProperty("card.linux.pkcs11Library", "/usr/lib/softhsm/libsofthsm2.so");
        site.setProperty("client.platformTrust", "true");

        Document jnlp = parse(new JnlpDocument(LaunchSiteConfig.fromProperties(site)).render(SELF));

        Map<String, Map<String, String>> perOs = propertiesPerOs(jnlp);
        assertEquals(
                Map.of(
                        "selfrenewal.pkcs11.library", "C:\\Program Files\\Card Vendor\\vendor-pkcs11.dll",
                        "selfrenewal.token", "label=NHS Card"),
                perOs.get("Windows"));
        assertEquals(
                Map.of(
                        "selfrenewal.pkcs11.library", "/Library/OpenSC/lib/opensc-pkcs11.so",
                        "selfrenewal.token", "index=0"),
                perOs.get("Mac OS X"));
        assertEquals(
                Map.of("selfrenewal.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so", "selfrenewal.token", "index=0"),
                perOs.get("Linux"));
        assertEquals("true", perOs.get("").get("selfrenewal.trust.platform"));
    }

    @Test
    void withoutConfigurationLinuxAndMacUseOpenScAndWindowsIsLeftForTheTrustToName() throws Exception {
        Document jnlp = parse(new JnlpDocument(LaunchSiteConfig.builder().build()).render(SELF));

        Map<String, Map<String, String>> perOs = propertiesPerOs(jnlp);
        assertEquals(
                "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", perOs.get("Linux").get("selfrenewal.pkcs11.library"));
        assertEquals(
                "/Library/OpenSC/lib/opensc-pkcs11.so", perOs.get("Mac OS X").get("selfrenewal.pkcs11.library"));
        assertEquals("", perOs.get("Windows").get("selfrenewal.pkcs11.library"));
        assertEquals("false", perOs.get("").get("selfrenewal.trust.platform"));
    }

    @Test
    void aMalformedTokenSelectionIsRefusedNamingTheKey() {
        Properties site = new Properties();
        site.setProperty("card.linux.token", "first card");
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> LaunchSiteConfig.fromProperties(site));
        assertTrue(refused.getMessage().startsWith("card.linux.token:"), refused.getMessage());
    }

    /**
     * The properties of the {@code <resources>} elements by their {@code os} attribute ("" for the one without);
     * an operating system's platform-jar elements ({@code os} and {@code arch}, no properties) add nothing.
     */
    private static Map<String, Map<String, String>> propertiesPerOs(Document jnlp) {
        Map<String, Map<String, String>> perOs = new LinkedHashMap<>();
        NodeList resources = jnlp.getElementsByTagName("resources");
        for (int i = 0; i < resources.getLength(); i++) {
            Element element = (Element) resources.item(i);
            Map<String, String> properties = new LinkedHashMap<>();
            NodeList children = element.getElementsByTagName("property");
            for (int j = 0; j < children.getLength(); j++) {
                Element property = (Element) children.item(j);
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
            perOs.computeIfAbsent(element.getAttribute("os"), os -> new LinkedHashMap<>())
                    .putAll(properties);
        }
        return perOs;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
