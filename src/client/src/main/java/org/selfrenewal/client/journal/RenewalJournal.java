package org.selfrenewal.client.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.selfrenewal.client.logging.LogDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card holder's renewal journal: one small file per card, in a {@code journal} folder next to the
 * client's log folder (or {@code -Dselfrenewal.journal.dir}), saying which step a renewal reached. Written
 * atomically (a whole new file, flushed, then renamed over the old one), so a run killed mid-write leaves the
 * previous entry or the new one, never half of one. A file that cannot be read is set aside (renamed
 * {@code .unreadable}) with a log line, never a crash: the run then goes on as if there were no journal.
 */
public final class RenewalJournal {

    public static final String PROPERTY = "selfrenewal.journal.dir";
    private static final Logger LOG = LoggerFactory.getLogger(RenewalJournal.class);

    private final Path directory;

    private RenewalJournal(Path directory) {
        this.directory = directory;
    }

    /** This user's journal: {@code -Dselfrenewal.journal.dir}, else {@code journal} beside the log folder. */
    public static RenewalJournal forThisUser() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new RenewalJournal(Path.of(configured));
        }
        return new RenewalJournal(LogDirectory.directory().resolveSibling("journal"));
    }

    public static RenewalJournal in(Path directory) {
        return new RenewalJournal(directory);
    }

    /** A journal that keeps nothing (tests of single runs, which never resume). */
    public static RenewalJournal disabled() {
        return new RenewalJournal(null);
    }

    /** The unfinished renewal recorded for this card, if any and readable. */
    public Optional<JournalEntry> find(String cardLabel, String cardSerial) {
        if (directory == null) {
            return Optional.empty();
        }
        Path file = fileFor(cardLabel, cardSerial);
        byte[] bytes;
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return setAside(file, "it is not a regular file");
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(JournalFormat.MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            LOG.warn("Renewal journal {} could not be read ({}); going on without it", file, e.toString());
            return Optional.empty();
        }
        try {
            JournalEntry entry = JournalFormat.read(bytes);
            if (!entry.cardLabel().equals(cardLabel) || !entry.cardSerial().equals(cardSerial)) {
                return setAside(file, "it is for another card");
            }
            LOG.info(
                    "Renewal journal: renewal {} of this card stopped at {} (confirmation sent: {})",
                    entry.renewalId(),
                    entry.step(),
                    entry.confirmationSent());
            return Optional.of(entry);
        } catch (JournalFormat.UnreadableJournalException e) {
            return setAside(file, e.getMessage());
        }
    }

    /** Records how far the renewal got, replacing what was recorded for the card before. */
    public void record(JournalEntry entry) {
        if (directory == null) {
            return;
        }
        Path file = fileFor(entry.cardLabel(), entry.cardSerial());
        Path temporary = directory.resolve(".writing-" + UUID.randomUUID() + ".json");
        try {
            createDirectory();
            try (FileChannel out =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(JournalFormat.write(entry)));
                out.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("the renewal journal could not be written in " + directory, e);
        }
    }

    /** The card's renewal is over (finished or undone): nothing is left to resume. */
    public void clear(String cardLabel, String cardSerial) {
        if (directory == null) {
            return;
        }
        Path file = fileFor(cardLabel, cardSerial);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the renewal journal entry " + file + " could not be removed", e);
        }
    }

    /** Where the entry for this card lives (named by a hash: nothing of the card's label in a file name). */
    public Path fileFor(String cardLabel, String cardSerial) {
        if (directory == null) {
            throw new IllegalStateException("this journal keeps nothing");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((cardLabel + "\n" + cardSerial).getBytes(StandardCharsets.UTF_8));
            return directory.resolve("renewal-" + HexFormat.of().formatHex(hash, 0, 12) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }

    private Optional<JournalEntry> setAside(Path file, String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn(
                    "Ignoring the renewal journal {}: {}. It was set aside as {}; any half-made keys are "
                            + "found on the card instead",
                    file,
                    why,
                    aside.getFileName());
        } catch (IOException e) {
            LOG.warn("Ignoring the renewal journal {}: {} (it could not be set aside: {})", file, why, e.toString());
        }
        return Optional.empty();
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory); // not POSIX (Windows): the user's own profile folder
        } catch (FileAlreadyExistsException e) {
            throw new IOException(directory + " is not a folder", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", file, e.toString());
        }
    }
}
