package org.selfrenewal.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of a development hierarchy's PKCS#12 files: generated randomly once (192 bits,
 * base64url) and kept in {@value #FILE_NAME} in the CA directory, readable by the owner only
 * (0600). Production deployments should supply the password from outside instead.
 */
public final class DevelopmentPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Name of the password file inside the CA directory. */
    public static final String FILE_NAME = "ca-password.txt";

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentPassword.class);
    private static final int RANDOM_BYTES = 24;

    private DevelopmentPassword() {}

    /** The password file of a CA directory. */
    public static Path file(Path caDirectory) {
        return caDirectory.resolve(FILE_NAME);
    }

    /** Reads the password file, creating it with a new random password first if it does not exist. */
    public static char[] loadOrCreate(Path caDirectory) throws CaStoreException {
        Path file = file(caDirectory);
        try {
            if (!Files.exists(file)) {
                AtomicFiles.createDirectories(caDirectory);
                byte[] random = new byte[RANDOM_BYTES];
                RANDOM.nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                AtomicFiles.write(file, (password + "\n").getBytes(StandardCharsets.US_ASCII), false);
                LOG.info("Generated a new CA password in {}", file);
            } else {
                warnIfReadableByOthers(file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty()) {
                throw new CaStoreException("CA password file " + file + " is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new CaStoreException("Cannot read or create the CA password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!AtomicFiles.isPosix(file)) {
            return;
        }
        Set<PosixFilePermission> tooOpen = EnumSet.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_WRITE);
        tooOpen.retainAll(Files.getPosixFilePermissions(file));
        if (!tooOpen.isEmpty()) {
            LOG.warn("CA password file {} is accessible to other users ({}); it should be mode 0600", file, tooOpen);
        }
    }
}
