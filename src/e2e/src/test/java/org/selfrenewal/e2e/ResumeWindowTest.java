package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selfrenewal.e2e.SmartcardServiceWindowTest.renewByKeyboard;
import static org.selfrenewal.e2e.SmartcardServiceWindowTest.text;

import java.time.Duration;
import java.util.List;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.ClientMain;

/**
 * The window, when the answer to the confirmation is lost: it says the renewal will be finished, keeps the new
 * credentials (never rolls back), and the next window run finishes the renewal and says so in plain words.
 */
class ResumeWindowTest {

    private WindowRig rig;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        rig = WindowRig.start(TestDirectories.fresh(test));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @DisplayName("confirmation answer lost: the next window run finishes the renewal and says so")
    void nextWindowRunFinishes() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        FrameFixture first = rig.open(card, ConfirmationAnswerLost::new);
        renewByKeyboard(first, WindowRig.PASSCODE);
        WindowRig.waitUntil(
                "the unfinished result", () -> text(first, "resultProblem").contains("finished where it stopped"));
        rig.photograph("renewal-unfinished");
        assertEquals(4, credentials(card).size(), "nothing rolled back: old and new credentials are on the card");
        first.cleanUp();

        FrameFixture next = rig.open(card);
        next.radioButton("renewOption").requireEnabled(WindowRig.CARD_WORK).requireSelected();
        assertTrue(text(next, "renewReason").contains("Your last renewal was interrupted"), text(next, "renewReason"));
        rig.photograph("renewal-to-finish");
        renewByKeyboard(next, WindowRig.PASSCODE);
        WindowRig.waitUntil(
                "the result", () -> next.label("resultHeadline").target().isShowing());
        assertEquals(ClientMain.SUCCESS, next.label("resultHeadline").text());
        assertTrue(
                text(next, "resultWarnings").contains("Your last renewal was interrupted; it has now been finished."),
                text(next, "resultWarnings"));
        rig.photograph("renewal-resumed");
        List<CardCredential> after = credentials(card);
        assertEquals(2, after.size(), "only the new credentials are left: " + after);
    }

    private static List<CardCredential> credentials(TokenLocation location) throws Exception {
        try (Card card = Pkcs11Card.open(location)) {
            card.login(WindowRig.PASSCODE.toCharArray());
            return card.credentials();
        }
    }
}
