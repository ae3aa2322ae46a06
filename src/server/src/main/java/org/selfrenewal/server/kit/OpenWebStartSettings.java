package org.selfrenewal.server.kit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenWebStart's system configuration for one operating system: {@code deployment.config} and
 * {@code itw-deployment.config} (OpenWebStart reads the second first) pointing at a mandatory system
 * {@code deployment.properties}, which pre-trusts the jar signer ({@code trusted.certs}), trusts the
 * service's TLS root ({@code jssecacerts}) and keeps the JVM manager on the Java versions the client is
 * tested with. Every key is locked, so a user cannot change it.
 */
final class OpenWebStartSettings {

    /** The Java versions the client is tested with (OpenWebStart version-string: 21 or 17, nothing newer). */
    static final String JAVA_VERSIONS = "21* 17*";

    /** Where the system files go on each operating system. */
    enum Platform {
        WINDOWS("windows", "C:\\Windows\\Sun\\Java\\Deployment\\", "file:///C:/Windows/Sun/Java/Deployment/"),
        LINUX_MACOS("linux-macos", "/etc/.java/deployment/", "file:///etc/.java/deployment/");

        final String folder;
        final String directory;
        final String directoryUrl;

        Platform(String folder, String directory, String directoryUrl) {
            this.folder = folder;
            this.directory = directory;
            this.directoryUrl = directoryUrl;
        }
    }

    private OpenWebStartSettings() {}

    /** Writes the three files and both trust stores into {@code directory} for {@code platform}. */
    static void write(Path directory, Platform platform, KitInputs inputs) throws Exception {
        Files.createDirectories(directory);
        String config = "# OpenWebStart / IcedTea-Web system configuration for the smartcard self-renewal service\n"
                + "deployment.system.config=" + platform.directoryUrl + "deployment.properties\n"
                + "deployment.system.config.mandatory=true\n";
        Files.writeString(directory.resolve("deployment.config"), config, StandardCharsets.ISO_8859_1);
        Files.writeString(directory.resolve("itw-deployment.config"), config, StandardCharsets.ISO_8859_1);
        Files.writeString(
                directory.resolve("deployment.properties"), properties(platform, inputs), StandardCharsets.ISO_8859_1);
        KitTrustStores.write(directory, inputs);
    }

    static Map<String, String> keys(Platform platform) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("deployment.system.security.trusted.certs", platform.directory + KitTrustStores.TRUSTED_CERTS);
        keys.put("deployment.system.security.jssecacerts", platform.directory + KitTrustStores.JSSECACERTS);
        keys.put("ows.jvm.manager.versionRange", JAVA_VERSIONS);
        keys.put("ows.jvm.manager.updateStrategy", "DO_NOTHING_ON_LOCAL_MATCH");
        keys.put("ows.update.activated", "false");
        return keys;
    }

    private static String properties(Platform platform, KitInputs inputs) {
        StringBuilder text = new StringBuilder("# System deployment properties for " + inputs.origin()
                + " (written by selfrenewal-server deployment-kit). Every key is locked.\n");
        keys(platform).forEach((key, value) -> text.append(key)
                .append('=')
                .append(escape(value))
                .append('\n')
                .append(key)
                .append(".locked\n"));
        return text.toString();
    }

    /** A properties value: backslashes doubled, a drive colon escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }
}
