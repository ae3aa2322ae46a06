package org.selfrenewal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.selfrenewal.card.SoftHsmTestTokens;
import org.selfrenewal.card.SoftwareTpmCard;

/**
 * Runs after every other test of the build (failsafe, integration-test phase of the last module): reads every
 * log file the suite wrote — the client's own log files, each test class's captured output, javaws runs — and
 * finds none of the passcodes the suite typed, right or wrong.
 */
class PasscodesNeverLoggedIT {

    /** Every passcode the suite types: the fixtures' and the wrong ones tests type on purpose. */
    static final Set<String> PASSCODES = new LinkedHashSet<>(List.of(
            VirtualCardRig.PASSCODE,
            WindowRig.PASSCODE,
            WindowRig.NEW_PASSCODE,
            new String(SoftHsmTestTokens.USER_PIN),
            new String(SoftwareTpmCard.USER_PIN),
            "24681358",
            "999999",
            "000000",
            "739154",
            "531870",
            "480317"));

    private static final Path REPO = Path.of(System.getProperty("selfrenewal.repo", "../.."))
            .toAbsolutePath()
            .normalize();

    @Test
    @DisplayName("no passcode in any log file written during the suite")
    void noPasscodeInAnyLog() throws IOException {
        List<Path> logs = logFiles();
        assertTrue(logs.size() >= 20, "the suite's logs were not found under " + REPO + ": " + logs);
        assertTrue(
                logs.stream().anyMatch(p -> p.getFileName().toString().equals("smartcard-service.log")),
                "the launched client's own log file is among them");
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            findings.addAll(find(Files.readString(log, StandardCharsets.ISO_8859_1), log.toString()));
        }
        assertEquals(List.of(), findings, "passcodes found in " + logs.size() + " log files");
    }

    @Test
    @DisplayName("the scan finds a passcode where there is one (and not inside a longer number)")
    void scanFindsAPlantedPasscode() {
        assertEquals(1, find("12:00:01 INFO login with 246810 done", "planted").size());
        assertEquals(0, find("serial 0a2468101f and 1246810", "planted").size());
    }

    static List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.walk(REPO.resolve("src"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("/target/"))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".log") || name.endsWith("-output.txt") || name.endsWith(".dumpstream");
                    })
                    .filter(p -> !p.toString().contains("/failsafe-reports/" + PasscodesNeverLoggedIT.class.getName()))
                    .sorted()
                    .toList();
        }
    }

    static List<String> find(String text, String where) {
        List<String> found = new ArrayList<>();
        for (String passcode : PASSCODES) {
            Matcher m = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(passcode) + "(?![0-9A-Za-z])")
                    .matcher(text);
            while (m.find()) {
                int from = Math.max(0, m.start() - 60);
                found.add(where + ": …" + text.substring(from, Math.min(text.length(), m.end() + 20)) + "…");
            }
        }
        return found;
    }
}
