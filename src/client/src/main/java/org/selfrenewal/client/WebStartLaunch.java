package org.selfrenewal.client;

import java.awt.GraphicsEnvironment;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.window.TrustContacts;
import org.selfrenewal.client.window.WindowLaunch;

/**
 * The entry point the JNLP names. OpenWebStart passes the server's URL and the operation from the
 * renewal link ({@code operation=selfRenewSmartcard}). It opens the Smartcard Service window; only with no
 * display, or with {@code -Dselfrenewal.console=true}, does it run the console renewal instead. Which card
 * to use comes from system properties a managed installation may set ({@code selfrenewal.pkcs11.library},
 * {@code selfrenewal.token}); the trust's contacts from {@code selfrenewal.trust.name} and
 * {@code selfrenewal.trust.contact}.
 */
public final class WebStartLaunch {

    /** The only operation of the legacy service this application offers so far. */
    public static final String SELF_RENEW = "selfRenewSmartcard";
    /** Set to true to use the console instead of the window. */
    public static final String CONSOLE_PROPERTY = "selfrenewal.console";

    private WebStartLaunch() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length != 2 || !args[1].startsWith("operation=")) {
            System.err.println("This application was started without the details it needs. Open the renewal "
                    + "link again from your smartcard expiry notice, or contact your IT service desk.");
            return 1;
        }
        URI server;
        try {
            server = URI.create(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("The renewal service address given to this application is not valid. "
                    + "Contact your IT service desk.");
            return 1;
        }
        String operation = args[1].substring("operation=".length());
        if (!SELF_RENEW.equals(operation)) {
            System.err.println("The link asked for '" + operation + "', which this application does not offer. "
                    + "Use the smartcard self-renewal link (operation=" + SELF_RENEW + "), or contact your IT "
                    + "service desk.");
            return ClientMain.REFUSED;
        }
        String library = System.getProperty("selfrenewal.pkcs11.library");
        String token = System.getProperty("selfrenewal.token");
        if (GraphicsEnvironment.isHeadless() || Boolean.getBoolean(CONSOLE_PROPERTY)) {
            return console(server, library, token);
        }
        try {
            WindowLaunch.open(server, TokenLocation.parse(library, token == null ? "index=0" : token),
                    TrustContacts.fromSystemProperties()).awaitClosed();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
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
