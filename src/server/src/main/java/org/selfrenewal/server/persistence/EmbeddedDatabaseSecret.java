package org.selfrenewal.server.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The embedded database's directory (owner-only, rwx------) and its password: generated on first use,
 * kept in {@code db/password} (rw-------), so nobody connects as {@code sa} with an empty password. A
 * database made before the password existed keeps the empty one.
 */
public final class EmbeddedDatabaseSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    static final String FILE = "password";

    private EmbeddedDatabaseSecret() {}

    public static String loadOrCreate(Path dataDirectory) {
        Path directory = Database.embeddedDirectory(dataDirectory);
        try {
            if (!Files.isDirectory(directory)) {
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Path file = directory.resolve(FILE);
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            if (Files.exists(directory.resolve("selfrenewal.mv.db"))) {
                return "";
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            try {
                Files.writeString(
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        password,
                        StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded database directory " + directory, e);
        }
    }
}
