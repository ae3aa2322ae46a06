package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.KeyboardFocusManager;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.KeyEvent;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.swing.AbstractButton;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.text.JTextComponent;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.card.WrongPasscodeException;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.protocol.EligibilityWords;

/**
 * The Smartcard Service window as a card holder meets it, driven by keyboard under Xvfb against a real server
 * over HTTPS and real SoftHSM2 cards; each step is photographed from the X display.
 */
class SmartcardServiceWindowTest {

    private static final Timeout CARD_WORK = Timeout.timeout(120_000);
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
    @DisplayName("renew from the window, by keyboard only, to 'Success: certificate renewed for smartcard'")
    void renewsByKeyboard() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30).plusHours(1));
        List<BigInteger> before = serials(card);
        FrameFixture window = rig.open(card);
        window.requireTitle("Smartcard Service");
        window.radioButton("renewOption").requireEnabled(CARD_WORK).requireSelected();
        assertTrue(text(window, "authenticationCertificate").contains("30 days left"));
        rig.photograph("1-select-service");

        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the passcode page",
                () -> window.textBox("passcodeField").target().isShowing());
        window.textBox("passcodeField").requireFocused();
        rig.photograph("2-enter-passcode");
        window.textBox("passcodeField").enterText(WindowRig.PASSCODE);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);

        WindowRig.waitUntil(
                "the confirmation page",
                () -> window.button("continueButton").target().getText().equals("Renew"));
        rig.photograph("3-renew-confirmation");
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);

        WindowRig.waitUntil(
                "a renewal step",
                () -> window.progressBar("progressBar").target().getValue() > 0);
        rig.photograph("4-progress");
        WindowRig.waitUntil(
                "the result", () -> window.label("resultHeadline").target().isShowing());
        assertEquals(ClientMain.SUCCESS, window.label("resultHeadline").text());
        assertTrue(text(window, "resultDetail").contains("log back in"));
        rig.photograph("5-success");

        List<BigInteger> after = serials(card);
        assertEquals(2, after.size(), "exactly two credentials on the card afterwards");
        after.forEach(serial -> assertFalse(before.contains(serial), "every credential is new"));
        try (Card reopened = Pkcs11Card.open(card)) {
            reopened.login(WindowRig.PASSCODE.toCharArray());
            for (CardCredential credential : reopened.credentials()) {
                reopened.proveKeyPair(credential);
                assertTrue(credential.notAfter().isAfter(rig.server.now().plus(Duration.ofDays(700))));
            }
        }
    }

    @Test
    @DisplayName("a wrong passcode says so on the passcode page; the card keeps its certificates")
    void wrongPasscode() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        FrameFixture window = rig.open(card);
        window.radioButton("renewOption").requireEnabled(CARD_WORK);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the passcode page",
                () -> window.textBox("passcodeField").target().isShowing());
        window.textBox("passcodeField").enterText("999999");
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil("the message", () -> text(window, "passcodeMessage").contains("not correct"));
        rig.photograph("wrong-passcode");
        window.textBox("passcodeField").requireEmpty();
        assertTrue(window.textBox("passcodeField").target().isShowing(), "still on the passcode page");

        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil("the empty passcode message", () -> text(window, "passcodeMessage")
                .equals("Enter your passcode."));
        window.textBox("passcodeField").enterText("12 34");
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the malformed message", () -> text(window, "passcodeMessage").contains("Nothing was sent"));
    }

    @Test
    @DisplayName("not due: Renew Certificate is disabled and the window says from when")
    void notDue() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(200));
        FrameFixture window = rig.open(card);
        window.radioButton("changePasscodeOption").requireEnabled(CARD_WORK).requireSelected();
        window.radioButton("renewOption").requireDisabled();
        String reason = text(window, "renewReason");
        assertTrue(reason.contains("not due for renewal yet"), reason);
        assertTrue(reason.contains(EligibilityWords.date(rig.server.now().plus(Duration.ofDays(110)))), reason);
        rig.photograph("not-due");
    }

    @Test
    @DisplayName("expired: Renew Certificate is disabled; visit the RA, with the trust's contacts")
    void expired() throws Exception {
        TokenLocation card = rig.issueCard(rig.server.now().minus(Duration.ofDays(1)));
        FrameFixture window = rig.open(card);
        window.radioButton("changePasscodeOption").requireEnabled(CARD_WORK);
        window.radioButton("renewOption").requireDisabled();
        String reason = text(window, "renewReason");
        assertTrue(reason.contains("expired on"), reason);
        assertTrue(reason.contains("registration authority (RA)"), reason);
        assertTrue(reason.contains("IT service desk, phone ext 5499"), reason);
        rig.photograph("expired");
    }

    @Test
    @DisplayName("the service stops mid-renewal: the window says so and the card is exactly as it was")
    void serviceStoppedMidRenewal() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        List<BigInteger> before = serials(card);
        FrameFixture window = rig.open(
                card,
                real -> new BeforeRequests(real, () -> {
                    try {
                        rig.server.http.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
        renewByKeyboard(window, WindowRig.PASSCODE);
        WindowRig.waitUntil("the result", () -> text(window, "resultProblem").contains("could not be reached"));
        assertTrue(text(window, "resultProblem").contains("keeps its current certificates"));
        assertTrue(text(window, "help").contains("ext 5499"));
        rig.photograph("service-stopped");
        assertEquals(before, serials(card), "the card keeps exactly its old credentials");
        assertEquals(2, privateKeys(card), "no new key left behind");
    }

    @Test
    @DisplayName("change the passcode from the window, then log in with the new one (and not the old)")
    void changesPasscode() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(200));
        FrameFixture window = rig.open(card);
        window.radioButton("changePasscodeOption").requireEnabled(CARD_WORK).requireSelected();
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the change page",
                () -> window.textBox("currentPasscode").target().isShowing());
        assertTrue(text(window, "intro").contains("6 to 8 digits"), "the rule is shown up front");
        window.textBox("currentPasscode").requireFocused().enterText(WindowRig.PASSCODE);
        window.robot().pressAndReleaseKey(KeyEvent.VK_TAB);
        window.textBox("newPasscode").requireFocused().enterText(WindowRig.NEW_PASSCODE);
        window.robot().pressAndReleaseKey(KeyEvent.VK_TAB);
        window.textBox("repeatPasscode").requireFocused().enterText("24681358");
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil("the mismatch", () -> text(window, "changeMessage").contains("not the same"));
        rig.photograph("change-passcode-mismatch");

        window.textBox("currentPasscode").enterText("000000");
        window.textBox("newPasscode").enterText(WindowRig.NEW_PASSCODE);
        window.textBox("repeatPasscode").enterText(WindowRig.NEW_PASSCODE);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the wrong passcode", () -> text(window, "changeMessage").contains("not correct"));

        window.textBox("currentPasscode").enterText(WindowRig.PASSCODE);
        window.textBox("newPasscode").enterText(WindowRig.NEW_PASSCODE);
        window.textBox("repeatPasscode").enterText(WindowRig.NEW_PASSCODE);
        rig.photograph("change-passcode");
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the result", () -> window.label("resultHeadline").target().isShowing());
        assertEquals(
                "Your passcode has been changed.",
                window.label("resultHeadline").text());
        rig.photograph("change-passcode-done");

        try (Card reopened = Pkcs11Card.open(card)) {
            assertThrows(WrongPasscodeException.class, () -> reopened.login(WindowRig.PASSCODE.toCharArray()));
            reopened.login(WindowRig.NEW_PASSCODE.toCharArray());
            assertEquals(2, reopened.credentials().size());
        }
    }

    @Test
    @DisplayName("closing during a renewal asks first; stopping leaves the card exactly as it was")
    void closeDuringRenewalAsksAndStops() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        List<BigInteger> before = serials(card);
        CountDownLatch release = new CountDownLatch(1);
        FrameFixture window = rig.open(
                card,
                real -> new BeforeRequests(real, () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        renewByKeyboard(window, WindowRig.PASSCODE);
        WindowRig.waitUntil(
                "the progress page",
                () -> window.button("closeButton").target().getText().equals("Stop"));
        window.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        var question = window.optionPane(CARD_WORK);
        question.requireMessage("Stop the renewal? Your smartcard will keep its current certificates.");
        rig.photographScreen("stop-question");
        question.yesButton().click();
        release.countDown();
        WindowRig.waitUntil("the result", () -> text(window, "resultProblem").contains("was stopped"));
        rig.photograph("stopped");
        assertEquals(before, serials(card), "the card keeps exactly its old credentials");
        assertEquals(2, privateKeys(card), "no new key left behind");
    }

    @Test
    @DisplayName("every control has an accessible name; Tab reaches every enabled control")
    void accessible() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        FrameFixture window = rig.open(card);
        window.radioButton("renewOption").requireEnabled(CARD_WORK);
        for (Component component : descendants(window.target())) {
            if (component instanceof AbstractButton
                    || component instanceof JTextComponent
                    || component instanceof JProgressBar) {
                String name = component.getAccessibleContext().getAccessibleName();
                assertTrue(name != null && !name.isBlank(), "no accessible name: " + component);
            }
        }
        Set<String> reached = new LinkedHashSet<>();
        for (int i = 0; i < 12; i++) {
            Component focused =
                    KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            if (focused != null && focused.getName() != null) {
                reached.add(focused.getName());
            }
            window.robot().pressAndReleaseKey(KeyEvent.VK_TAB);
        }
        assertTrue(
                reached.containsAll(List.of("renewOption", "copyDetailsButton", "closeButton", "continueButton")),
                "Tab reached " + reached);
    }

    private static List<Component> descendants(Container container) {
        List<Component> all = new ArrayList<>();
        for (Component child : container.getComponents()) {
            all.add(child);
            if (child instanceof Container inner) {
                all.addAll(descendants(inner));
            }
        }
        return all;
    }

    @Test
    @DisplayName("a revoked card is refused by the service before the passcode is asked")
    void revokedBeforePasscode() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30));
        rig.revokeLastCard();
        FrameFixture window = rig.open(card);
        window.radioButton("renewOption").requireEnabled(CARD_WORK);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil("the refusal", () -> text(window, "status").contains("revoked"));
        assertTrue(text(window, "status").contains("registration authority (RA)"));
        assertTrue(text(window, "status").contains("ext 5499"), "whom to contact");
        assertFalse(
                window.robot()
                        .finder()
                        .findByName(window.target(), "passcodeField", JPasswordField.class, false)
                        .isShowing(),
                "the passcode is never asked");
        rig.photograph("revoked");
    }

    @Test
    @DisplayName("no card middleware: the window names the problem and what to do; Copy details for IT has no passcode")
    void middlewareMissing() throws Exception {
        TokenLocation card = TokenLocation.parse(Path.of("/usr/lib/no-such-middleware.so"), "index=0");
        FrameFixture window = rig.open(card);
        WindowRig.waitUntil("the problem", () -> text(window, "status").contains("smartcard software"));
        assertTrue(text(window, "status").contains("ext 5499"));
        window.radioButton("renewOption").requireDisabled();
        window.button("continueButton").requireText("Try again");
        window.button("copyDetailsButton").click();
        var copied = window.optionPane(CARD_WORK);
        rig.photographScreen("copy-details");
        copied.okButton().click();
        window.button("copyDetailsButton").requireText("Copy details for IT");
        String details =
                (String) Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor);
        assertTrue(details.contains("Last problem: CARD_LIBRARY_MISSING"), details);
        assertTrue(details.contains("/usr/lib/no-such-middleware.so"), details);
        assertTrue(details.contains("Java: "), details);
        rig.photograph("middleware-missing");
    }

    /** Select service (Renew), Enter passcode, Renew certification confirmation: all by keyboard. */
    static void renewByKeyboard(FrameFixture window, String passcode) {
        window.radioButton("renewOption").requireEnabled(CARD_WORK);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the passcode page",
                () -> window.textBox("passcodeField").target().isShowing());
        window.textBox("passcodeField").enterText(passcode);
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
        WindowRig.waitUntil(
                "the confirmation page",
                () -> window.button("continueButton").target().getText().equals("Renew"));
        window.pressAndReleaseKeys(KeyEvent.VK_ENTER);
    }

    static String text(FrameFixture window, String name) {
        return window.robot()
                .finder()
                .find(window.target(), new GenericTypeMatcher<>(JTextComponent.class) {
                    @Override
                    protected boolean isMatching(JTextComponent component) {
                        return name.equals(component.getName()) && component.isShowing();
                    }
                })
                .getText();
    }

    private static List<BigInteger> serials(TokenLocation location) throws Exception {
        try (Card card = Pkcs11Card.open(location)) {
            card.login(WindowRig.PASSCODE.toCharArray());
            return card.credentials().stream()
                    .map(c -> c.certificate().getSerialNumber())
                    .sorted()
                    .toList();
        }
    }

    /** Private keys on the card, as OpenSC's pkcs11-tool (an independent PKCS#11 client) sees them. */
    private int privateKeys(TokenLocation location) throws Exception {
        ProcessRun run = ProcessRun.run(
                rig.tokenDirectory(),
                rig.cardEnvironment(),
                null,
                List.of(
                        "pkcs11-tool",
                        "--module",
                        location.library().toString(),
                        "--token-label",
                        location.tokenLabel(),
                        "--login",
                        "--pin",
                        WindowRig.PASSCODE,
                        "-O"));
        assertEquals(0, run.exitCode(), run.output());
        return (int) VirtualCardRig.count(run.stdout(), "Private Key Object");
    }
}
