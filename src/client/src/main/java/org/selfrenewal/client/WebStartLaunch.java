package org.selfrenewal.client;

import java.awt.GraphicsEnvironment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JOptionPane;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.window.SmartcardServiceWindow;
import org.selfrenewal.client.window.TrustContacts;
import org.selfrenewal.client.window.WindowLaunch;
import org.selfrenewal.client.words.Messages;
import org.slf4j.LoggerFactory;

/**
 * The entry point the JNLP names. OpenWebStart passes the server's URL and the operation from the
 * renewal link ({@code operation=selfRenewSmartcard}); both are checked before the card is touched. It opens
 * the Smartcard Service window; only with no display, or with {@code -Dselfrenewal.console=true}, does it run
 * the console renewal instead. Which card to use comes from the JNLP's per-OS properties
 * ({@code selfrenewal.pkcs11.library}, {@code selfrenewal.token}); the trust's contacts from
 * {@code selfrenewal.trust.name} and {@code selfrenewal.trust.contact}.
 */
public final class WebStartLaunch {

    /** The only operation of the legacy service this application offers so far. */
    public static final String SELF_RENEW = "selfRenewSmartcard";
    /**
     * The card middleware's PKCS#11 library, set by the JNLP per operating system from the site configuration
     * ({@code <resources os="...">}); blank: the trust has not named this system's; absent (not launched from our
     * JNLP): SoftHSM2, the development virtual cards.
     */
    public static final String PKCS11_LIBRARY_PROPERTY = "selfrenewal.pkcs11.library";
    /** The token selection ({@code index=0}, {@code label=L}, {@code slot=N}), set by the JNLP like the library. */
    public static final String TOKEN_PROPERTY = "selfrenewal.token";
    /** Set to true to use the console instead of the window. */
    public static final String CONSOLE_PROPERTY = "selfrenewal.console";

    private static final Messages WORDS = Messages.forDefaultLocale();

    private WebStartLaunch() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean console = GraphicsEnvironment.isHeadless() || Boolean.getBoolean(CONSOLE_PROPERTY);
        if (args.length != 2 || !args[1].startsWith("operation=")) {
            return refuse(console, 1, WORDS.text("launch.missingDetails"));
        }
        String operation = args[1].substring("operation=".length());
        if (!SELF_RENEW.equals(operation)) {
            return refuse(console, ClientMain.REFUSED, WORDS.text("launch.unknownOperation", operation));
        }
        URI server;
        try {
            server = new URI(args[0]);
        } catch (URISyntaxException e) {
            return refuse(console, 1, WORDS.text("launch.invalidAddress"));
        }
        try {
            ServiceAddressPolicy.check(server);
        } catch (IllegalArgumentException e) {
            boolean notAnAddress = server.getScheme() == null || server.getHost() == null;
            return refuse(console, 1, WORDS.text(notAnAddress ? "launch.invalidAddress" : "launch.insecureAddress"));
        }
        if (!ServiceAddressPolicy.isAllowedHost(server, ServiceAddressPolicy.pinnedHosts())) {
            return refuse(console, 1, WORDS.text("launch.notOurService", server.getHost()));
        }
        String library = System.getProperty(PKCS11_LIBRARY_PROPERTY);
        String token = System.getProperty(TOKEN_PROPERTY);
        if (library != null && library.isBlank()) {
            // The JNLP names the card software per operating system; the trust has not named this one's (Windows).
            LoggerFactory.getLogger(WebStartLaunch.class)
                    .warn(
                            "The JNLP names no PKCS#11 library for {} (site configuration card.<os>.pkcs11Library)",
                            System.getProperty("os.name"));
            return refuse(console, ClientMain.CARD_PROBLEM, WORDS.text("launch.cardSoftwareNotNamed"));
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (console) {
            return console(server, library, token);
        }
        TrustContacts contacts = TrustContacts.fromSystemProperties();
        // Logging set-up (logback reading logback.xml, creating the log directory and file) runs beside the
        // window's construction instead of before it (issue 10: launch to window). Whatever is logged while
        // it runs is queued by SLF4J and written once logback is ready.
        Thread logging = new Thread(LoggerFactory::getILoggerFactory, "logging-setup");
        logging.setDaemon(true);
        logging.start();
        try {
            SmartcardServiceWindow window = WindowLaunch.open(
                    server, TokenLocation.parse(library, token == null ? "index=0" : token), contacts);
            LoggerFactory.getLogger(WebStartLaunch.class)
                    .info(
                            "Window open for {} ({})",
                            server,
                            contacts.trustName().isEmpty() ? "no trust named" : contacts.trustName());
            window.awaitClosed();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Tells the card holder why nothing can be done: on the console, or in a message box on a desktop. */
    private static int refuse(boolean console, int exitCode, String message) {
        if (console) {
            System.err.println(message);
        } else {
            JOptionPane.showMessageDialog(null, message, WORDS.text("app.title"), JOptionPane.ERROR_MESSAGE);
        }
        return exitCode;
    }

    private static int console(URI server, String library, String token) {
        List<String> command = new ArrayList<>(List.of("renew", "--server", server.toString()));
        if (library != null) {
            command.addAll(List.of("--pkcs11-library", library));
        }
        if (token != null) {
            command.addAll(List.of("--token", token));
        }
        return ClientMain.run(command.toArray(String[]::new), System.out, System.err);
    }
}
