package org.selfrenewal.server.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The expiry notification at logon (docs/expiry-notification.md): a Windows scheduled task created with
 * {@code schtasks}, and an XDG autostart entry for Linux desktops, both running the client jar the kit
 * carries, with the card library's native jars beside it, from a fixed place (class path: every jar there).
 */
final class LogonTask {

    static final String MAIN_CLASS = "org.selfrenewal.client.window.ExpiryNotification";
    static final String WINDOWS_FOLDER = "C:\\Program Files\\SmartcardSelfRenewal\\";
    static final String LINUX_FOLDER = "/opt/smartcard-self-renewal/";
    static final String WINDOWS_SCRIPT = "create-logon-task.cmd";
    static final String DESKTOP_ENTRY = "smartcard-expiry-notification.desktop";

    private LogonTask() {}

    static void write(Path directory, KitInputs inputs) throws IOException {
        Files.createDirectories(directory);
        String jar = inputs.clientJarName();
        String link = inputs.renewalPage().toString();
        String task = "@echo off\r\n"
                + "rem The smartcard expiry notification at every logon (see README.md of this kit).\r\n"
                + "rem Needs Java 17 or 21 (javaw.exe on the PATH, or edit its path) and " + jar + " with the\r\n"
                + "rem selfrenewal-natives-*.jar (the card library's native code) in\r\n"
                + "rem " + WINDOWS_FOLDER + "; add --pkcs11-library with your card middleware's library.\r\n"
                + "schtasks /Create /TN \"Smartcard expiry notification\" /SC ONLOGON /DELAY 0001:00 /RL LIMITED /F "
                + "/TR \"javaw.exe -cp \\\"" + WINDOWS_FOLDER + "*\\\" " + MAIN_CLASS + " --link " + link
                + "\"\r\n";
        Files.writeString(directory.resolve(WINDOWS_SCRIPT), task, StandardCharsets.US_ASCII);
        String desktop = "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=Smartcard expiry notification\n"
                + "Exec=java -cp '" + LINUX_FOLDER + "*' " + MAIN_CLASS + " --link " + link + "\n"
                + "X-GNOME-Autostart-Delay=60\n";
        Files.writeString(directory.resolve(DESKTOP_ENTRY), desktop, StandardCharsets.UTF_8);
    }
}
