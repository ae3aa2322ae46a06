package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs OpenSC's pkcs11-tool against a token, as an independent view from another process. */
final class Pkcs11Tool {

    record ObjectEntry(String type, String id, String label, Set<String> access) {}

    private Pkcs11Tool() {}

    static void requireInstalled() {
        RequiredTools.need(
                Files.isExecutable(Path.of("/usr/bin/pkcs11-tool")),
                "OpenSC pkcs11-tool is not installed (apt-get install -y opensc)");
    }

    static String listObjects(TokenLocation location, char[] pin) throws Exception {
        Process p = new ProcessBuilder(
                        "pkcs11-tool",
                        "--module",
                        location.library().toString(),
                        "--token-label",
                        location.tokenLabel(),
                        "-O",
                        "--login",
                        "--pin",
                        new String(pin))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "pkcs11-tool did not finish in 30 s");
        if (p.exitValue() != 0) {
            throw new AssertionError("pkcs11-tool failed: " + out);
        }
        return out;
    }

    static List<ObjectEntry> parse(String listing) {
        List<ObjectEntry> result = new ArrayList<>();
        String type = null;
        String id = "";
        String label = "";
        Set<String> access = Set.of();
        for (String line : (listing + "\nEND;").split("\n")) {
            if (!line.startsWith(" ") && line.contains(";")) {
                if (type != null) {
                    result.add(new ObjectEntry(type, id, label, access));
                }
                type = line.substring(0, line.indexOf(';')).trim();
                id = "";
                label = "";
                access = Set.of();
            } else if (line.trim().startsWith("ID:")) {
                id = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.trim().startsWith("label:")) {
                label = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.trim().startsWith("Access:")) {
                access = new LinkedHashSet<>(
                        Arrays.stream(line.substring(line.indexOf(':') + 1).split(","))
                                .map(String::trim)
                                .toList());
            }
        }
        return result;
    }
}
