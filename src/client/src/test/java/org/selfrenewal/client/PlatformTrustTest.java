package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Which platform trust the client adds, by operating system and site configuration. The Windows-ROOT store
 * itself can only be read on Windows: here only its selection is tested (HttpsRenewalTest proves the JDK
 * default trust on Linux end to end).
 */
class PlatformTrustTest {

    @Test
    @DisplayName("off unless the JNLP says true: only the shipped anchors and the kit's store")
    void offByDefault() {
        assertEquals(List.of(), PlatformTrust.sources("Windows 11", null));
        assertEquals(List.of(), PlatformTrust.sources("Linux", "false"));
        assertEquals(List.of(), PlatformTrust.sources("Windows 10", "yes"));
        assertEquals(List.of(), PlatformTrust.sources("Mac OS X", ""));
    }

    @Test
    @DisplayName("on Windows: the JDK's default trust store and Windows-ROOT")
    void windows() {
        assertEquals(
                List.of(PlatformTrust.Source.JAVA_DEFAULT, PlatformTrust.Source.WINDOWS_ROOT),
                PlatformTrust.sources("Windows 11", "true"));
        assertEquals(
                List.of(PlatformTrust.Source.JAVA_DEFAULT, PlatformTrust.Source.WINDOWS_ROOT),
                PlatformTrust.sources("Windows Server 2022", " TRUE "));
    }

    @Test
    @DisplayName("on Linux and macOS: the JDK's default trust store")
    void linuxAndMac() {
        assertEquals(List.of(PlatformTrust.Source.JAVA_DEFAULT), PlatformTrust.sources("Linux", "true"));
        assertEquals(List.of(PlatformTrust.Source.JAVA_DEFAULT), PlatformTrust.sources("Mac OS X", "true"));
    }
}
