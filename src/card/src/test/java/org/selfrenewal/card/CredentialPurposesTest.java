package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.selfrenewal.protocol.CredentialPurpose;

class CredentialPurposesTest {

    @Test
    void nonRepudiationMeansSigning() throws Exception {
        Instant notAfter = Instant.now().plus(700, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var signing = TestCa.issue(TestCa.foreignKey(), CardSeeding.HOLDER, CredentialPurpose.SIGNING, notAfter);
        var auth = TestCa.issue(TestCa.foreignKey(), CardSeeding.HOLDER, CredentialPurpose.AUTHENTICATION, notAfter);
        assertEquals(CredentialPurpose.SIGNING, CredentialPurposes.of(signing));
        assertEquals(CredentialPurpose.AUTHENTICATION, CredentialPurposes.of(auth));
        CardCredential c = CardCredential.of("0a", null, signing);
        assertEquals(notAfter, c.notAfter());
        assertEquals("", c.label());
    }
}
