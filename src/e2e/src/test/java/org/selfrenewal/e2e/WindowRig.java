package org.selfrenewal.e2e;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.text.JTextComponent;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.RenewalApi;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.TrustAnchors;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.client.window.SmartcardServiceWindow;
import org.selfrenewal.client.window.TrustContacts;
import org.selfrenewal.client.window.WindowLaunch;
import org.selfrenewal.client.window.WindowSettings;
import org.selfrenewal.client.words.Messages;
import org.selfrenewal.server.ra.CardIssuer;
import org.selfrenewal.server.ra.RegistrationAuthority;
import org.selfrenewal.webstart.XDisplay;

/**
 * The real Smartcard Service window in this JVM, under the X display the test command provides (Xvfb):
 * a real server over HTTPS, SoftHSM2 cards issued by the real RA into the token directory of this JVM's
 * SOFTHSM2_CONF, and AssertJ Swing's robot pressing real keys. Screenshots come from the X display.
 */
final class WindowRig implements AutoCloseable {

    static final String PASSCODE = "135790";
    static final String NEW_PASSCODE = "24681357";
    static final String SO_PIN = "87654321";
    static final TrustContacts CONTACTS = new TrustContacts("Test NHS Trust", "IT service desk, phone ext 5499");
    private static final AtomicInteger CARDS = new AtomicInteger();
    static final Timeout CARD_WORK = Timeout.timeout(120_000);

    final InProcessServer server;
    final Path screenshots;
    private SoftHsmTokens tokens;
    private long lastCardId;
    private Robot robot;
    private FrameFixture window;

    private WindowRig(InProcessServer server, Path screenshots) {
        this.server = server;
        this.screenshots = screenshots;
    }

    static WindowRig start(Path work) throws Exception {
        RequiredTools.need(
                System.getenv("DISPLAY") != null && !GraphicsEnvironment.isHeadless(),
                "no X display: run the tests under Xvfb (bash src/scripts/test.sh does)");
        Path screenshots =
                Files.createDirectories(Path.of(System.getProperty("selfrenewal.screenshots", "target/screenshots"))
                        .resolve("scale-" + scale()));
        return new WindowRig(InProcessServer.start(work, true, null), screenshots);
    }

    /** The SoftHSM2 token directory of this JVM's SOFTHSM2_CONF, where in-process cards are made. */
    private SoftHsmTokens tokens() throws Exception {
        if (tokens == null) {
            RequiredTools.need(SoftHsmTokens.isInstalled(), "SoftHSM2 is not installed (apt-get install softhsm2)");
            tokens = SoftHsmTokens.fromEnvironment()
                    .orElseThrow(() ->
                            new IllegalStateException("SOFTHSM2_CONF is not set for this JVM (see src/e2e/pom.xml)"));
            tokens.ensureConfigured();
            tokens.requireVisibleToThisProcess();
        }
        return tokens;
    }

    /** The UI scale this JVM runs at (sun.java2d.uiScale), for screenshot names. */
    static String scale() {
        return System.getProperty("sun.java2d.uiScale", "1");
    }

    /** The RA issues a new card (a fresh SoftHSM2 token) whose certificates expire at {@code notAfter}. */
    TokenLocation issueCard(Instant notAfter) throws Exception {
        String label = "WIN-" + CARDS.incrementAndGet() + "-" + (System.nanoTime() % 100_000);
        TokenLocation location = tokens().createToken(label, SO_PIN.toCharArray(), PASSCODE.toCharArray());
        issueOnto(location, PASSCODE.toCharArray(), notAfter);
        return location;
    }

    /** The RA puts a card holder's first two credentials onto the empty token at {@code location}. */
    RegistrationAuthority.RegisteredCard issueOnto(TokenLocation location, char[] passcode, Instant notAfter)
            throws Exception {
        try (Card card = Pkcs11Card.open(location)) {
            card.login(passcode);
            RegistrationAuthority.RegisteredCard registered = new CardIssuer(server.context.registrationAuthority())
                    .issue(
                            card,
                            new RegistrationAuthority.CardHolder("Jane Window", "555000" + CARDS.incrementAndGet()),
                            notAfter);
            lastCardId = registered.cardId();
            return registered;
        }
    }

    /** The RA revokes the last card it issued. */
    void revokeLastCard() {
        server.context.registrationAuthority().revokeCard(lastCardId, "reported lost");
    }

    /** The SoftHSM2 environment for subprocesses that must see this JVM's cards. */
    Map<String, String> cardEnvironment() throws Exception {
        return tokens().environment();
    }

    Path tokenDirectory() throws Exception {
        return tokens().tokenDirectory();
    }

    TokenLocation issueCardExpiringIn(Duration left) throws Exception {
        return issueCard(server.now().plus(left));
    }

    /** The client's connection to the service, trusting the development root (as a deployment jar would). */
    RenewalApi service() throws Exception {
        return new RenewalApiClient(
                server.baseUri(), TrustAnchors.sslContext(TrustAnchors.load(List.of(server.rootCaPem()))));
    }

    /** Opens the window for {@code card}; {@code serviceChanges} may wrap the service (to cut it mid-way). */
    FrameFixture open(TokenLocation card, UnaryOperator<RenewalApi> serviceChanges) {
        SmartcardSession session = new SmartcardSession(
                () -> Pkcs11Card.open(card),
                () -> {
                    try {
                        return serviceChanges.apply(service());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                Clock.systemUTC());
        WindowSettings settings = new WindowSettings(
                Messages.forLocale(Locale.UK), CONTACTS, card, server.baseUri().toString(), Clock.systemUTC());
        SmartcardServiceWindow opened = GuiActionRunner.execute(() -> {
            WindowLaunch.useSystemLookAndFeel();
            return SmartcardServiceWindow.open(session, settings);
        });
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        window = new FrameFixture(robot, opened.frame());
        return window;
    }

    FrameFixture open(TokenLocation card) {
        return open(card, UnaryOperator.identity());
    }

    /** Saves the window as it is on the X display, as {@code <scale>/<name>.png}. */
    Path photograph(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        robot.waitForIdle();
        assertNothingClipped(window.target());
        // From the X server itself (ImageMagick import of our window), at the display's real pixels
        List<XDisplay.Window> shown = XDisplay.findWindows("^" + window.target().getTitle() + "$");
        if (shown.size() != 1) {
            throw new AssertionError(
                    "expected one window titled " + window.target().getTitle() + ": " + shown);
        }
        XDisplay.screenshot(shown.get(0), file);
        return file;
    }

    /** Every label, button and paragraph showing gets at least the room it asks for (nothing cut off). */
    static void assertNothingClipped(Container container) {
        for (Component child : container.getComponents()) {
            if (!child.isShowing()) {
                continue;
            }
            boolean line = child instanceof JLabel || child instanceof AbstractButton;
            boolean paragraph = child instanceof JTextComponent; // wraps: only its height counts
            Dimension needs = child.getPreferredSize();
            if ((line && child.getWidth() < needs.width) || ((line || paragraph) && child.getHeight() < needs.height)) {
                throw new AssertionError("clipped at scale " + scale() + ": " + child + " is " + child.getSize()
                        + " but needs " + needs);
            }
            if (child instanceof Container inner) {
                assertNothingClipped(inner);
            }
        }
    }

    /** Saves the whole X display, as {@code <scale>/<name>.png} (for dialogs that are not our window). */
    Path photographScreen(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (robot != null) {
            robot.waitForIdle();
        }
        XDisplay.screenshot(file);
        return file;
    }

    /** Waits (up to two minutes: cards are slow) until {@code check} holds. */
    static void waitUntil(String what, Supplier<Boolean> check) {
        Pause.pause(
                new Condition(what) {
                    @Override
                    public boolean test() {
                        try {
                            return check.get();
                        } catch (RuntimeException e) {
                            return false;
                        }
                    }
                },
                CARD_WORK);
    }

    @Override
    public void close() {
        try {
            if (window != null) {
                window.cleanUp();
            }
        } finally {
            server.close();
        }
    }
}
