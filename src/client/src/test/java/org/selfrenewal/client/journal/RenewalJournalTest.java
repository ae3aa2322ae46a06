package org.selfrenewal.client.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.client.logging.LogDirectory;
import org.selfrenewal.protocol.CredentialPurpose;
import org.slf4j.LoggerFactory;

/** The renewal journal keeps what the next run needs, written whole, and survives any file put in its place. */
class RenewalJournalTest {

    private static final String LABEL = "JANE-CARD";
    private static final String SERIAL = "4c1a2b3d5e6f7081";
    private static final String RENEWAL = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path directory;

    private RenewalJournal journal;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        journal = RenewalJournal.in(directory.resolve("journal"));
        log.start();
        ((Logger) LoggerFactory.getLogger(RenewalJournal.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(RenewalJournal.class)).detachAppender(log);
    }

    private static JournalEntry entry() {
        return JournalEntry.started(
                        URI.create("https://uim.example.nhs.uk"),
                        RENEWAL,
                        "c2VydmVyLWNoYWxsZW5nZS0xMjM0NTY3ODkw",
                        LABEL,
                        SERIAL,
                        SHA,
                        "cd".repeat(32),
                        Instant.parse("2026-11-22T10:00:00Z"))
                .withNewKey(
                        new JournalEntry.NewKey(
                                CredentialPurpose.AUTHENTICATION, "7f01020304050607", "Authentication key 2026-11-22"),
                        Instant.parse("2026-11-22T10:00:01Z"))
                .at(RenewalStep.GENERATING_SIGNING_KEY, Instant.parse("2026-11-22T10:00:02Z"));
    }

    @Test
    @DisplayName("an entry written is read back whole, with no secret in it, and cleared when the renewal is over")
    void roundTrip() throws Exception {
        JournalEntry written = entry().confirmationSent(Instant.parse("2026-11-22T10:00:03Z"));
        journal.record(written);
        assertEquals(Optional.of(written), journal.find(LABEL, SERIAL));
        String onDisk = Files.readString(journal.fileFor(LABEL, SERIAL));
        assertFalse(onDisk.toLowerCase().contains("passcode") || onDisk.contains("PRIVATE KEY"), onDisk);
        journal.clear(LABEL, SERIAL);
        assertEquals(Optional.empty(), journal.find(LABEL, SERIAL));
    }

    @Test
    @DisplayName("each write replaces the entry whole: no half-written or temporary file is left")
    void atomicReplace() throws Exception {
        journal.record(entry());
        JournalEntry later = entry().confirmed(Instant.parse("2026-11-22T10:05:00Z"));
        journal.record(later);
        try (Stream<Path> files = Files.list(directory.resolve("journal"))) {
            assertEquals(
                    List.of(journal.fileFor(LABEL, SERIAL).getFileName().toString()),
                    files.map(f -> f.getFileName().toString()).toList());
        }
        assertEquals(Optional.of(later), journal.find(LABEL, SERIAL));
    }

    @Test
    @DisplayName("another card's entry is not this card's")
    void otherCard() {
        journal.record(entry());
        assertEquals(Optional.empty(), journal.find("OTHER-CARD", SERIAL));
        assertEquals(Optional.of(entry()), journal.find(LABEL, SERIAL));
    }

    static Stream<Arguments> hostile() {
        String good = new String(JournalFormat.write(entry()), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty file", ""),
                Arguments.of("not JSON", "renewal=half"),
                Arguments.of("truncated mid-write", good.substring(0, good.length() / 2)),
                Arguments.of("larger than 16 KiB", " ".repeat(20_000) + good),
                Arguments.of("an unknown field", good.replaceFirst("\\{", "{\"passcode\":\"246810\",")),
                Arguments.of("a key twice", good.replaceFirst("\\{", "{\"version\":1,")),
                Arguments.of("another version", good.replace("\"version\" : 1", "\"version\" : 2")),
                Arguments.of("a renewal id that climbs out of the API path", good.replace(RENEWAL, "../../admin")),
                Arguments.of("a challenge with spaces", good.replace("c2VydmVyLWNoYWxsZW5nZS0xMjM0NTY3ODkw", "a b")),
                Arguments.of("a fingerprint that is not hex", good.replace(SHA, "zz".repeat(32))),
                Arguments.of(
                        "a service that is not http(s)", good.replace("https://uim.example.nhs.uk", "file:///etc")),
                Arguments.of("a step that does not exist", good.replace("GENERATING_SIGNING_KEY", "FORMAT_CARD")),
                Arguments.of(
                        "a new key named like the card holder's own credential",
                        good.replace("Authentication key 2026-11-22", "Jane’s login key")),
                Arguments.of("a key id that is not hex", good.replace("7f01020304050607", "7f01; rm -rf")),
                Arguments.of("a purpose that does not exist", good.replace("AUTHENTICATION\"", "ROOT\"")),
                Arguments.of("a card label with control characters", good.replace(LABEL, "JANE\\u001b[2J")),
                Arguments.of(
                        "confirmed without the confirmation sent",
                        good.replace("\"confirmed\" : false", "\"confirmed\" : true")),
                Arguments.of("a time that is not a time", good.replaceFirst("2026-11-22T10:00:02Z", "yesterday")),
                Arguments.of("null for the renewal", good.replace("\"" + RENEWAL + "\"", "null")),
                Arguments.of("a number for a string", good.replace("\"" + RENEWAL + "\"", "42")),
                Arguments.of(
                        "three new keys",
                        good.replace(
                                "\"newKeys\" : [",
                                "\"newKeys\" : [ {\"purpose\":\"SIGNING\",\"id\":\"01\",\"label\":\"Signing key"
                                        + " 2026-11-22\"}, {\"purpose\":\"SIGNING\",\"id\":\"02\",\"label\":\"Signing"
                                        + " key 2026-11-22\"},")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    @DisplayName("a journal file that is not ours is ignored with a clear log line and set aside, never a crash")
    void hostileContentIgnored(String what, String content) throws Exception {
        Path file = journal.fileFor(LABEL, SERIAL);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        assertEquals(Optional.empty(), journal.find(LABEL, SERIAL), what);
        assertFalse(Files.exists(file), "set aside");
        assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".unreadable")));
        assertTrue(
                log.list.stream()
                        .anyMatch(e -> e.getLevel() == Level.WARN
                                && e.getFormattedMessage().startsWith("Ignoring the renewal journal")),
                "a WARN line says the journal was ignored: " + log.list);
        assertTrue(
                log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("246810")),
                "nothing of the file's content is repeated in the log");
        // and the next renewal can record again
        journal.record(entry());
        assertEquals(Optional.of(entry()), journal.find(LABEL, SERIAL));
    }

    @Test
    @DisplayName("a folder or a link in the entry's place is not read")
    void notARegularFile() throws Exception {
        Path file = journal.fileFor(LABEL, SERIAL);
        Files.createDirectories(file);
        assertEquals(Optional.empty(), journal.find(LABEL, SERIAL));
        Files.delete(file.resolveSibling(file.getFileName() + ".unreadable"));
        Files.createSymbolicLink(file, Path.of("/etc/hostname"));
        assertEquals(Optional.empty(), journal.find(LABEL, SERIAL));
        assertTrue(Files.exists(Path.of("/etc/hostname")), "the link's target is left alone");
    }

    @Test
    @DisplayName("the journal lives beside the client's log folder unless told otherwise")
    void besideTheLogs() throws Exception {
        String before = System.getProperty(RenewalJournal.PROPERTY);
        System.clearProperty(RenewalJournal.PROPERTY);
        String logs = System.getProperty(LogDirectory.PROPERTY);
        System.setProperty(LogDirectory.PROPERTY, directory.resolve("logs").toString());
        try {
            JournalEntry e = entry();
            RenewalJournal.forThisUser().record(e);
            assertTrue(Files.exists(directory
                    .resolve("journal")
                    .resolve(journal.fileFor(LABEL, SERIAL).getFileName())));
        } finally {
            restore(LogDirectory.PROPERTY, logs);
            restore(RenewalJournal.PROPERTY, before);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
