package org.selfrenewal.client;

import java.nio.file.Path;
import org.selfrenewal.card.TokenLocation;
import picocli.CommandLine.Option;

/** Which card to use: the PKCS#11 library of the card's middleware and the token on it. */
public final class CardOptions {

    @Option(
            names = "--pkcs11-library",
            paramLabel = "PATH",
            description = "PKCS#11 library of the smartcard middleware (default: ${DEFAULT-VALUE}).")
    Path library = TokenLocation.SOFTHSM2_LIBRARY;

    @Option(
            names = "--token",
            paramLabel = "SPEC",
            description = "Which card: label=L, slot=N or index=N (default: ${DEFAULT-VALUE}, the first card).")
    String token = "index=0";

    public TokenLocation location() {
        return TokenLocation.parse(library, token);
    }
}
