package org.selfrenewal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignedMessagesTest {

    private static final URI SERVICE = URI.create("https://uim.example.nhs.uk");
    private static final byte[] AUTH = {1, 2, 3};
    private static final byte[] SIGN = {4, 5, 6};

    @Test
    @DisplayName("possession names the step, renewal, challenge, service and the SHA-256 of each request")
    void possessionCoversEverything() {
        String text = new String(SignedMessages.possession(SERVICE, "r-1", "c-1", AUTH, SIGN), StandardCharsets.UTF_8);
        assertEquals(
                "smartcard-self-renewal/v1\npossession\nr-1\nc-1\n"
                        + "service=https://uim.example.nhs.uk:443\n"
                        + "authentication-csr-sha256=" + CertificateCodec.sha256Hex(AUTH) + "\n"
                        + "signing-csr-sha256=" + CertificateCodec.sha256Hex(SIGN),
                text);
    }

    @Test
    @DisplayName("possession differs when any bound value differs")
    void possessionChangesWithEachPart() {
        byte[] base = SignedMessages.possession(SERVICE, "r", "c", AUTH, SIGN);
        assertFalse(Arrays.equals(
                base, SignedMessages.possession(URI.create("https://relay.example"), "r", "c", AUTH, SIGN)));
        assertFalse(Arrays.equals(base, SignedMessages.possession(SERVICE, "r2", "c", AUTH, SIGN)));
        assertFalse(Arrays.equals(base, SignedMessages.possession(SERVICE, "r", "c2", AUTH, SIGN)));
        assertFalse(Arrays.equals(base, SignedMessages.possession(SERVICE, "r", "c", SIGN, AUTH)));
        assertFalse(Arrays.equals(base, SignedMessages.possession(SERVICE, "r", "c", AUTH, new byte[] {4, 5})));
    }

    @Test
    @DisplayName("service identity: case, default port and trailing slash do not matter; scheme and port do")
    void serviceIdentityIsNormalised() {
        assertArrayEquals(
                SignedMessages.possession(SERVICE, "r", "c", AUTH, SIGN),
                SignedMessages.possession(URI.create("HTTPS://UIM.Example.NHS.uk:443/"), "r", "c", AUTH, SIGN));
        assertEquals("http://127.0.0.1:8080", SignedMessages.serviceIdentity(URI.create("http://127.0.0.1:8080/")));
        assertFalse(SignedMessages.serviceIdentity(URI.create("http://uim.example.nhs.uk"))
                .equals(SignedMessages.serviceIdentity(SERVICE)));
    }

    @Test
    @DisplayName("fail/service-url: no scheme, another scheme, user info or a query are refused")
    void serviceIdentityRefusesOddUrls() {
        for (String odd : new String[] {
            "uim.example",
            "ftp://uim.example",
            "https://user@uim.example",
            "https://uim.example/?x=1",
            "https://uim.example/#f"
        }) {
            assertThrows(IllegalArgumentException.class, () -> SignedMessages.serviceIdentity(URI.create(odd)), odd);
        }
    }
}
