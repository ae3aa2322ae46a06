package org.selfrenewal.client.window;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import javax.swing.JOptionPane;
import javax.swing.JTextField;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.session.CardStatus;
import org.selfrenewal.client.session.Result;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.client.words.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The smartcard expiry notification, started at logon: reads the card without a passcode and, when its
 * certificates can be renewed (within 90 days of expiry), asks "Your smartcard certificates expire in N days.
 * Renew them now?". Yes opens the renewal link in the browser; No shows the link to copy. Silent otherwise
 * (no card, not due, expired). See docs/expiry-notification.md for running it at logon.
 */
@Command(
        name = "selfrenewal-notify",
        mixinStandardHelpOptions = true,
        versionProvider = ClientVersion.class,
        description = "Tell the card holder when the smartcard certificates can be renewed.")
public final class ExpiryNotification implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryNotification.class);

    @Option(
            names = "--link",
            required = true,
            paramLabel = "URL",
            description = "The renewal link, e.g. https://uim.example.nhs.uk/urswebapp/?operation=selfRenewSmartcard")
    URI link;

    @Option(
            names = "--pkcs11-library",
            paramLabel = "PATH",
            description = "PKCS#11 library of the smartcard middleware.")
    String library;

    @Option(
            names = "--token",
            paramLabel = "SPEC",
            defaultValue = "index=0",
            description = "Which card: label=L, slot=N or index=N (default: ${DEFAULT-VALUE}).")
    String token;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExpiryNotification()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        RenewalLink.check(link);
        if (GraphicsEnvironment.isHeadless()) {
            LOG.info("No display: no notification");
            return 0;
        }
        TokenLocation card = TokenLocation.parse(library, token);
        try (SmartcardSession session = new SmartcardSession(
                () -> Pkcs11Card.open(card),
                () -> {
                    throw new IllegalStateException("the notification never contacts the service");
                },
                Clock.systemUTC())) {
            Result<CardStatus> read = session.readCard();
            if (!read.isOk()) {
                LOG.info("No notification: {}", read.problem().reference());
                return 0;
            }
            if (!read.value().eligibility().isDue()) {
                LOG.info(
                        "No notification: certificates {}",
                        read.value().eligibility().status());
                return 0;
            }
            long days = Math.max(0, read.value().eligibility().daysLeft());
            WindowLaunch.onEventThread(() -> {
                WindowLaunch.useSystemLookAndFeel();
                ask(Messages.forDefaultLocale(), days, link);
                return null;
            });
            return 0;
        }
    }

    /** The question and what follows the answer; on the event thread. */
    static void ask(Messages words, long days, URI link) {
        int answer = JOptionPane.showConfirmDialog(
                null,
                words.text("notify.question", days),
                words.text("notify.title"),
                JOptionPane.YES_NO_OPTION,
                JOptionPane.QUESTION_MESSAGE);
        if (answer == JOptionPane.YES_OPTION) {
            if (!BrowserOpener.open(link)) {
                showLink(words, words.text("notify.browserFailed"), link);
            }
        } else {
            showLink(words, words.text("notify.copyLink"), link);
        }
    }

    private static void showLink(Messages words, String message, URI link) {
        JTextField field = new JTextField(link.toString());
        field.setName("renewalLink");
        field.setEditable(false);
        field.getAccessibleContext().setAccessibleName(message);
        field.selectAll();
        Object[] options = {words.text("notify.copy"), words.text("button.close")};
        int choice = JOptionPane.showOptionDialog(
                null,
                new Object[] {message, field},
                words.text("notify.title"),
                JOptionPane.DEFAULT_OPTION,
                JOptionPane.INFORMATION_MESSAGE,
                null,
                options,
                options[0]);
        if (choice == 0) {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(link.toString()), null);
        }
    }
}
