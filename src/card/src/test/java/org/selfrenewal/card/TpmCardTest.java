package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * The card contract on tpm2-pkcs11 (a software TPM): a second, independent PKCS#11 implementation. The
 * TPM's lockout counter is shared by all its tokens and a right passcode does not reset it, so it is
 * cleared before each test.
 */
class TpmCardTest extends Pkcs11CardContract {

    private SoftwareTpmCard tpm;

    @BeforeEach
    void unlockedTpm() {
        tpm = SoftwareTpmCard.start();
        tpm.resetLockout();
    }

    @Test
    void theTokenMadeByTpm2PtoolIsAUsableCard() throws Exception {
        try (Card card = Pkcs11Card.open(tpm.location())) {
            assertEquals(SoftwareTpmCard.LABEL, card.describe().label());
            card.login(userPin());
            GeneratedKeyPair pair = card.generateKeyPair(CredentialPurpose.SIGNING);
            card.delete(pair);
        }
    }

    @Override
    protected TokenLocation newToken() throws Exception {
        return tpm.newCard();
    }

    @Override
    protected char[] userPin() {
        return SoftwareTpmCard.USER_PIN;
    }

    @Override
    protected void assertMaker(TokenDescription description) {
        assertEquals("IBM", description.manufacturer()); // the TPM's maker: swtpm reports IBM
        assertEquals("SW   TPM", description.model());
    }

    @Override
    protected WrongPasscodeException.RemainingTries triesLeftAfterOneWrongPasscode() {
        return WrongPasscodeException.RemainingTries.UNKNOWN; // tpm2-pkcs11 sets no PIN flags
    }

    @Override
    protected PasscodeLengths passcodeLengths() {
        // tpm2-pkcs11 reports 0 to 128 but checks no length in C_SetPIN: a 132-character passcode works.
        return new PasscodeLengths(0, 128, List.of("7391".repeat(33)), false);
    }
}
