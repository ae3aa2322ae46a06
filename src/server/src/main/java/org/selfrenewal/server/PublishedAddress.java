package org.selfrenewal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public URL the service last ran under, kept next to the CA ({@code ca/public-url}), so that RA
 * commands issue certificates naming the same CRL and OCSP locations as the running service.
 */
final class PublishedAddress {

    private PublishedAddress() {}

    /** The address recorded by the last {@code serve}, or null; reads only. */
    static URI recorded(Path caDirectory) {
        return remember(caDirectory, null);
    }

    /** Records {@code current} if given and returns it; otherwise returns the one recorded (or null). */
    static URI remember(Path caDirectory, URI current) {
        Path file = caDirectory.resolve("public-url");
        try {
            if (current != null) {
                Files.createDirectories(caDirectory);
                Files.writeString(file, current.toString(), StandardCharsets.UTF_8);
                return current;
            }
            return Files.exists(file)
                    ? URI.create(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the service's public URL in " + caDirectory, e);
        }
    }
}
