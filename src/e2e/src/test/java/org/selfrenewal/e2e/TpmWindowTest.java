package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import javax.swing.JButton;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.SoftwareTpmCard;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.ClientMain;

/**
 * The window on a second, independent PKCS#11 implementation: a software TPM behind tpm2-pkcs11, which really
 * locks after three wrong passcodes. Runs in its own JVM (the module reads its environment once).
 */
class TpmWindowTest {

    private static final String PASSCODE = new String(SoftwareTpmCard.USER_PIN);
    private WindowRig rig;
    private SoftwareTpmCard tpm;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        tpm = SoftwareTpmCard.start();
        tpm.resetLockout();
        rig = WindowRig.start(TestDirectories.fresh(test));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (tpm != null) {
            tpm.resetLockout();
        }
    }

    private TokenLocation issuedTpmCard() throws Exception {
        TokenLocation card = tpm.newCard();
        rig.issueOnto(card, SoftwareTpmCard.USER_PIN, rig.server.now().plus(Duration.ofDays(30)));
        return card;
    }

    @Test
    @DisplayName("tpm: a renewal from the window to 'Success', new keys generated on the TPM")
    void renewsOnTheTpm() throws Exception {
        TokenLocation card = issuedTpmCard();
        List<BigInteger> before = serials(card);
        FrameFixture window = rig.open(card);
        SmartcardServiceWindowTest.renewByKeyboard(window, PASSCODE);
        WindowRig.waitUntil(
                "the result", () -> window.label("resultHeadline").target().isShowing());
        assertEquals(ClientMain.SUCCESS, window.label("resultHeadline").text());
        rig.photograph("tpm-success");
        List<BigInteger> after = serials(card);
        assertEquals(2, after.size());
        after.forEach(serial -> assertFalse(before.contains(serial)));
    }

    @Test
    @DisplayName("tpm: three wrong passcodes lock the card; the window shows the unlock guidance from the real token")
    void lockedByTheRealToken() throws Exception {
        TokenLocation card = issuedTpmCard();
        FrameFixture window = rig.open(card);
        window.radioButton("renewOption").requireEnabled(WindowRig.CARD_WORK);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the passcode page",
                () -> window.textBox("passcodeField").target().isShowing());
        for (int attempt = 1; attempt <= SoftwareTpmCard.MAX_TRIES; attempt++) {
            window.textBox("passcodeField").enterText("000000");
            window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
            int tried = attempt;
            WindowRig.waitUntil(
                    "wrong passcode " + tried,
                    () -> SmartcardServiceWindowTest.text(window, "passcodeMessage")
                                    .contains("not correct")
                            && tpm.lockoutCounter() >= tried);
        }
        window.textBox("passcodeField").enterText(PASSCODE);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil("the locked card", () -> SmartcardServiceWindowTest.text(window, "resultProblem")
                .contains("locked"));
        String message = SmartcardServiceWindowTest.text(window, "resultProblem");
        assertTrue(message.contains("self-service unlock"), message);
        assertTrue(SmartcardServiceWindowTest.text(window, "help").contains("ext 5499"));
        assertFalse(
                window.robot()
                        .finder()
                        .findByName(window.target(), "continueButton", JButton.class, false)
                        .isShowing(),
                "a locked card stops: nothing to retry");
        rig.photograph("tpm-locked");
    }

    private static List<BigInteger> serials(TokenLocation location) throws Exception {
        try (Card card = Pkcs11Card.open(location)) {
            card.login(SoftwareTpmCard.USER_PIN);
            return card.credentials().stream()
                    .map(CardCredential::certificate)
                    .map(c -> c.getSerialNumber())
                    .sorted()
                    .toList();
        }
    }
}
