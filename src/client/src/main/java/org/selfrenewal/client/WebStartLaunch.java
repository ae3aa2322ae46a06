package org.selfrenewal.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point the JNLP names. OpenWebStart passes the server's URL and the operation from the
 * renewal link ({@code operation=selfRenewSmartcard}); this maps them onto the client's commands. Which
 * card to use comes from system properties a managed installation may set ({@code selfrenewal.pkcs11.library},
 * {@code selfrenewal.token}); by default the first card of the SoftHSM2 / middleware library.
 */
public final class WebStartLaunch {

    /** The only operation of the legacy service this application offers so far. */
    public static final String SELF_RENEW = "selfRenewSmartcard";

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
        List<String> command = new ArrayList<>(List.of("renew", "--server", server.toString()));
        String library = System.getProperty("selfrenewal.pkcs11.library");
        if (library != null) {
            command.addAll(List.of("--pkcs11-library", library));
        }
        String token = System.getProperty("selfrenewal.token");
        if (token != null) {
            command.addAll(List.of("--token", token));
        }
        return ClientMain.run(command.toArray(String[]::new), System.out, System.err);
    }
}
