package org.selfrenewal.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAddressPolicyTest {

    @ParameterizedTest(name = "accepted: {0}")
    @ValueSource(
            strings = {
                "https://uim.example.nhs.uk",
                "https://10.1.2.3:8443/",
                "http://127.0.0.1:8080",
                "http://localhost:8080",
                "http://[::1]:8080",
                "http://127.5.6.7"
            })
    void acceptsHttpsAndLoopbackHttp(String address) {
        assertDoesNotThrow(() -> ServiceAddressPolicy.check(URI.create(address)));
    }

    @ParameterizedTest(name = "fail/plain-http: {0}")
    @ValueSource(
            strings = {
                "http://uim.example.nhs.uk",
                "http://10.1.2.3:8080",
                "http://localhost.evil.example",
                "http://127.0.0.1.nip.io",
                "ftp://uim.example.nhs.uk",
                "uim.example.nhs.uk",
                "file:///etc/passwd"
            })
    void refusesEverythingElse(String address) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ServiceAddressPolicy.check(URI.create(address)));
        assertTrue(refused.getMessage().contains("IT service desk"), refused.getMessage());
    }

    @Test
    @DisplayName("fail/not-pinned: only the pinned hosts are accepted when a list is given")
    void allowListPinsTheService() {
        List<String> pinned = List.of("uim.example.nhs.uk");
        assertDoesNotThrow(() -> ServiceAddressPolicy.check(URI.create("https://UIM.example.nhs.uk/"), pinned));
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ServiceAddressPolicy.check(URI.create("https://relay.example"), pinned));
        assertTrue(refused.getMessage().contains("not the renewal service"), refused.getMessage());
        assertDoesNotThrow(() -> ServiceAddressPolicy.check(URI.create("https://any.example"), List.of()));
    }
}
