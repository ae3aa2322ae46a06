package org.selfrenewal.ca;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a crash leaves either the old state or the new file, never a half-written
 * one: content goes to a temporary file in the same directory (owner-only on POSIX file systems),
 * is flushed to disk, then renamed into place atomically.
 */
final class AtomicFiles {

    static final String TEMPORARY_PREFIX = ".tmp-";

    private AtomicFiles() {}

    /** Creates the directory (owner-only on POSIX if it is new). */
    static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (isPosix(directory)) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Writes content to a new temporary file next to {@code finalName}, flushed to disk. */
    @SuppressFBWarnings(
            value = "PATH_TRAVERSAL_IN",
            justification = "the directory is the CA's own data directory from the operator's configuration")
    static Path writeTemporary(Path directory, String finalName, byte[] content, boolean worldReadable)
            throws IOException {
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + finalName + "-", "");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (isPosix(directory)) {
            Files.setPosixFilePermissions(
                    temporary, PosixFilePermissions.fromString(worldReadable ? "rw-r--r--" : "rw-------"));
        }
        return temporary;
    }

    /** The name of {@code file} (its last element). */
    static String fileName(Path file) throws IOException {
        Path name = file.getFileName();
        if (name == null) {
            throw new IOException("not a file: " + file);
        }
        return name.toString();
    }

    /** Renames a temporary file over its target in one atomic step. */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes a file atomically. */
    static void write(Path target, byte[] content, boolean worldReadable) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        if (directory == null) {
            throw new IOException("not a file: " + target);
        }
        Path temporary = writeTemporary(directory, fileName(target), content, worldReadable);
        try {
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    /** Removes temporary files left behind by an interrupted write. */
    static void deleteStaleTemporaries(Path directory) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, TEMPORARY_PREFIX + "*")) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Flushes the directory entry changes (renames) to disk where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (e.g. Windows); the renames are still atomic.
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
