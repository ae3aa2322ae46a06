package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Point;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.JButtonFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.timing.Pause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.window.ExpiryNotification;
import picocli.CommandLine;

/** The expiry notification started at logon: asks only when the card is due; Yes opens the renewal link. */
class ExpiryNotificationTest {

    private static final String LINK = "https://uim.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard";
    private WindowRig rig;
    private Path work;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        work = TestDirectories.fresh(test);
        rig = WindowRig.start(work);
    }

    @AfterEach
    void tearDown() throws Exception {
        System.clearProperty("selfrenewal.browser.command");
        background.shutdownNow();
        rig.close();
    }

    @Test
    @DisplayName("due in 30 days: 'expire in 30 days. Renew them now?' and Yes opens the renewal link")
    void yesOpensTheRenewalLink() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(30).plusHours(1));
        Path opened = work.resolve("browser-opened.txt");
        Path browser = work.resolve("record-browser.sh");
        Files.writeString(browser, "printf '%s' \"$1\" > '" + opened + "'\n");
        // run through sh: executing a file this JVM has just written can fail with "text file busy"
        System.setProperty("selfrenewal.browser.command", "/bin/sh " + browser);

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> notifyFor(card), background);
        Robot robot = BasicRobot.robotWithCurrentAwtHierarchy();
        try {
            JOptionPaneFixture question = JOptionPaneFinder.findOptionPane()
                    .withTimeout(60, TimeUnit.SECONDS)
                    .using(robot);
            question.requireMessage("Your smartcard certificates expire in 30 days. Renew them now?");
            rig.photographScreen("notification");
            JButtonFixture yes = question.yesButton();
            // Click where Yes stays: under load the robot once clicked while the dialog was still being placed,
            // and its click landed on No.
            WindowRig.waitUntil("the question to stay where it is", () -> staysPut(yes.target()));
            yes.click();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
            WindowRig.waitUntil("the browser command", () -> Files.exists(opened));
            assertEquals(LINK, Files.readString(opened));
        } finally {
            robot.cleanUpWithoutDisposingWindows();
        }
    }

    @Test
    @DisplayName("not due: the notification stays silent")
    void silentWhenNotDue() throws Exception {
        TokenLocation card = rig.issueCardExpiringIn(Duration.ofDays(200));
        assertEquals(0, background.submit(() -> notifyFor(card)).get(30, TimeUnit.SECONDS));
        assertTrue(Window.getWindows().length == 0
                || Arrays.stream(Window.getWindows()).noneMatch(Window::isShowing));
    }

    /** Whether {@code button} is showing at the same place on the screen 100 ms apart. */
    private static boolean staysPut(Component button) {
        Point before = GuiActionRunner.execute(button::getLocationOnScreen);
        Pause.pause(100);
        return before.equals(GuiActionRunner.execute(button::getLocationOnScreen));
    }

    private static int notifyFor(TokenLocation card) {
        return new CommandLine(new ExpiryNotification())
                .execute("--link", LINK, "--pkcs11-library", card.library().toString(), "--token", card.spec());
    }
}
