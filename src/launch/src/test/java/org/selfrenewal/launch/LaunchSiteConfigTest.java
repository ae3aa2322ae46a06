package org.selfrenewal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LaunchSiteConfigTest {

    @Test
    void developmentDefaults() {
        LaunchSiteConfig config = LaunchSiteConfig.developmentDefaults();
        assertEquals("Development NHS Trust", config.trust().trustName());
        assertEquals(URI.create("https://localhost:8443"), config.publicBaseUrl());
        assertEquals(config.publicBaseUrl(), config.serverUrl());
        assertEquals(List.of("https://localhost:8443", "operation=selfRenewSmartcard"), config.clientArguments());
        assertFalse(config.offerJnlpx());
        assertNull(config.jarDirectory());
        assertEquals(Duration.ofSeconds(8), config.nothingHappenedDelay());
    }

    @Test
    void propertiesOverrideTheDefaults() {
        Properties p = new Properties();
        p.setProperty("launch.publicBaseUrl", "https://uim.trust.example.nhs.uk");
        p.setProperty("launch.serverUrl", "https://renew.trust.example.nhs.uk:9443");
        p.setProperty("launch.jarDirectory", "/opt/selfrenewal/jars");
        p.setProperty("launch.offerJnlpx", "true");
        p.setProperty("trust.name", "Liverpool University Hospitals");
        p.setProperty("client.mainClass", "org.example.Main");
        p.setProperty("client.jars", "client=jars/client-2.0.jar, bcprov = jars/bcprov-jdk18on-1.79.jar");
        LaunchSiteConfig config = LaunchSiteConfig.fromProperties(p);
        assertEquals("Liverpool University Hospitals", config.trust().trustName());
        assertEquals("ext 5499", config.trust().itPhone(), "kept from the defaults");
        assertEquals(Path.of("/opt/selfrenewal/jars"), config.jarDirectory());
        assertTrue(config.offerJnlpx());
        assertEquals(
                List.of(
                        new JarReference("client", "jars/client-2.0.jar"),
                        new JarReference("bcprov", "jars/bcprov-jdk18on-1.79.jar")),
                config.clientJars());
        assertEquals(
                List.of("https://renew.trust.example.nhs.uk:9443", "operation=selfRenewSmartcard"),
                config.clientArguments());
        LaunchUrls urls = new LaunchUrls(config);
        assertEquals(
                "jnlps://uim.trust.example.nhs.uk/urswebapp/selfrenewal.jnlp",
                urls.jnlpProtocolLink().toString());
        assertEquals(
                "https://uim.trust.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard",
                urls.renewalPage().toString());
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LaunchSiteConfig.builder()
                .publicBaseUrl(URI.create("ftp://x"))
                .build());
        assertThrows(
                IllegalArgumentException.class,
                () -> LaunchSiteConfig.builder().clientJars(List.of()).build());
        Properties p = new Properties();
        p.setProperty("client.jars", "no-equals-sign.jar");
        assertThrows(IllegalArgumentException.class, () -> LaunchSiteConfig.fromProperties(p));
    }

    @Test
    void jnlpEscapesConfiguredValues() throws Exception {
        LaunchSiteConfig config = LaunchSiteConfig.builder()
                .trust(new TrustContacts("A & B <Trust>", "1", "2", "3", "4"))
                .clientArguments(List.of("--name=<x>&\"y\""))
                .build();
        String jnlp = new JnlpDocument(config).render(new LaunchUrls(config).jnlp());
        Document doc = JnlpAssertions.parse(jnlp);
        assertEquals("A & B <Trust>", doc.getElementsByTagName("vendor").item(0).getTextContent());
        assertEquals(
                "--name=<x>&\"y\"", doc.getElementsByTagName("argument").item(0).getTextContent());
    }
}
