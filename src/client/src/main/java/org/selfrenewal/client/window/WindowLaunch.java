package org.selfrenewal.client.window;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.TrustAnchors;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.client.words.Messages;
import org.slf4j.LoggerFactory;

/** Opens the Smartcard Service window for one card and one service, in the system look and feel. */
public final class WindowLaunch {

    private WindowLaunch() {}

    /** Opens the window and returns once it is showing; {@link SmartcardServiceWindow#awaitClosed()} waits. */
    public static SmartcardServiceWindow open(URI service, TokenLocation card, TrustContacts contacts)
            throws InterruptedException {
        SmartcardSession session = new SmartcardSession(
                () -> Pkcs11Card.open(card),
                () -> new RenewalApiClient(service, TrustAnchors.sslContext(TrustAnchors.load(List.of()))),
                Clock.systemUTC());
        WindowSettings settings =
                new WindowSettings(Messages.forDefaultLocale(), contacts, card, service.toString(), Clock.systemUTC());
        return onEventThread(() -> {
            useSystemLookAndFeel();
            return SmartcardServiceWindow.open(session, settings);
        });
    }

    /** The platform's own look (Windows, macOS, GTK); Java's default where there is none. */
    public static void useSystemLookAndFeel() {
        try {
            UIManager.put("swing.boldMetal", Boolean.FALSE);
            UIManager.setLookAndFeel(UIManager.getSystemLookAndFeelClassName());
        } catch (ReflectiveOperationException | UnsupportedLookAndFeelException e) {
            LoggerFactory.getLogger(WindowLaunch.class).info("System look and feel unavailable: {}", e.toString());
        }
    }

    static <T> T onEventThread(Supplier<T> task) throws InterruptedException {
        AtomicReference<T> made = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> made.set(task.get()));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the window could not be opened", e.getCause());
        }
        return made.get();
    }
}
