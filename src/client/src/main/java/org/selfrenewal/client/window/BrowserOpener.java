package org.selfrenewal.client.window;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a link in the card holder's web browser: a browser command the trust chose
 * ({@code -Dselfrenewal.browser.command="msedge --new-window"}: the program and its own arguments, separated by
 * spaces; the link is added last), else the desktop's default browser, else {@code xdg-open}.
 */
final class BrowserOpener {

    static final String COMMAND_PROPERTY = "selfrenewal.browser.command";
    private static final Logger LOG = LoggerFactory.getLogger(BrowserOpener.class);

    private BrowserOpener() {}

    /** True if a browser was started with {@code link}. */
    @SuppressFBWarnings(
            value = "COMMAND_INJECTION",
            justification = "an argument list, no shell: the browser command is the machine's own setting "
                    + "(a system property) and the link one argument")
    static boolean open(URI link) {
        String command = System.getProperty(COMMAND_PROPERTY);
        try {
            if (command != null && !command.isBlank()) {
                List<String> commandLine =
                        new ArrayList<>(List.of(command.strip().split("\\s+")));
                commandLine.add(link.toASCIIString());
                new ProcessBuilder(commandLine).inheritIO().start();
                return true;
            }
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(link);
                return true;
            }
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                new ProcessBuilder("xdg-open", link.toASCIIString()).inheritIO().start();
                return true;
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not open the browser: {}", e.toString());
        }
        return false;
    }
}
