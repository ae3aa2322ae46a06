package org.selfrenewal.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.selfrenewal.card.SoftHsmTestTokens;
import org.selfrenewal.card.TokenLocation;

/** What OpenSC's pkcs11-tool, an independent PKCS#11 client, counts on a card after login. */
record CardObjects(long privateKeys, long publicKeys, long certificates) {

    static CardObjects on(TokenLocation location) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "pkcs11-tool",
                        "--module",
                        location.library().toString(),
                        "--token-label",
                        location.tokenLabel(),
                        "--login",
                        "--pin",
                        new String(SoftHsmTestTokens.USER_PIN),
                        "-O")
                .redirectErrorStream(true)
                .start();
        String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("pkcs11-tool failed: " + listing);
        }
        return new CardObjects(
                count(listing, "Private Key Object"),
                count(listing, "Public Key Object"),
                count(listing, "Certificate Object"));
    }

    private static long count(String listing, String text) {
        return Pattern.compile(Pattern.quote(text)).matcher(listing).results().count();
    }
}
