package org.selfrenewal.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.TrustAnchors;

/**
 * The cold half of {@link RenewalBenchmark}: one renewal in this freshly started JVM, as a card holder's client
 * always runs: HTTPS to the service trusting {@code root.pem}, the card found by label in the PKCS#11 library,
 * its passcode read from standard input, the renewal journal in {@code JOURNAL_DIR}. Prints
 * {@link MeasuredRenewal#line()}.
 *
 * <pre>
 * java -cp selfrenewal-bench.jar org.selfrenewal.e2e.ColdRenewalClient SERVER_URL ROOT_PEM PKCS11_LIBRARY LABEL JOURNAL_DIR &lt; passcode
 * </pre>
 */
public final class ColdRenewalClient {

    private ColdRenewalClient() {}

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path rootPem = Path.of(args[1]);
        TokenLocation location = TokenLocation.byLabel(Path.of(args[2]), args[3]);
        String passcodeLine = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (passcodeLine == null) {
            throw new IllegalArgumentException("the passcode is read from standard input: none was given");
        }
        char[] passcode = passcodeLine.toCharArray();
        Path journal = Path.of(args[4]);
        try (Pkcs11Card card = Pkcs11Card.open(location)) {
            System.out.println(MeasuredRenewal.run(
                            card,
                            passcode,
                            () -> new RenewalApiClient(
                                    server, TrustAnchors.sslContext(TrustAnchors.load(List.of(rootPem)))),
                            journal,
                            SlowCard.configuredDelay())
                    .line());
        }
        System.exit(0);
    }
}
