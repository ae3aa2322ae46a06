package org.selfrenewal.e2e;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.selfrenewal.ca.DevelopmentHierarchy;
import org.selfrenewal.ca.DevelopmentPassword;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.RenewalApiClient;
import org.selfrenewal.client.TrustAnchors;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.server.HttpEndpoint;
import org.selfrenewal.server.RenewalServer;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.server.ra.CardIssuer;
import org.selfrenewal.server.ra.RegistrationAuthority;
import org.selfrenewal.server.tls.ServerTls;

/**
 * {@code bench}: renews SoftHSM2 cards against a real server over loopback HTTPS as the window does
 * ({@link MeasuredRenewal}: "Continue" asks the service to start before the passcode, "Renew" to "Success" is the
 * renewal) and prints each renewal's wall time split into time inside the token (every card call) and the rest
 * (HTTP, JSON, the server's rules, database and CA signing, client logic and journal). Target: the rest at most
 * 300 ms for both certificates.
 *
 * <p>After the warm-ups (the service has renewed before, as a running service has), cold renewals each run in a
 * fresh client JVM ({@link ColdRenewalClient}, a separate process), as every card holder's renewal does; warm ones
 * in this JVM. Every key generation waits {@code -Dselfrenewal.bench.keyGenerationDelaySeconds} (default 2) more,
 * as a real card spends 2-10 s per RSA-2048 key.
 *
 * <p>Run with SOFTHSM2_CONF pointing at {@code <work>/cards/softhsm2.conf} (the bench script does this).
 *
 * <pre>
 * java -jar selfrenewal-bench.jar [WARM_UPS] [MEASURED] [WORK] [COLD_RENEWALS]
 * </pre>
 */
public final class RenewalBenchmark {

    private static final long TARGET_MILLIS = 300;

    private static final char[] PASSCODE = "135790".toCharArray();

    private RenewalBenchmark() {}

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "the benchmark asks the kernel for a free loopback port; the socket is closed at once")
    public static void main(String[] args) throws Exception {
        int warmUps = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path work = Path.of(args.length > 2 ? args[2] : "target/bench").toAbsolutePath();
        int coldRenewals = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (System.getProperty(SlowCard.DELAY_PROPERTY) == null) {
            System.setProperty(SlowCard.DELAY_PROPERTY, "2");
        }
        Duration keyDelay = SlowCard.configuredDelay();
        SoftHsmTokens tokens = SoftHsmTokens.inDirectory(work.resolve("cards"));
        tokens.requireVisibleToThisProcess();

        Path data = Files.createDirectories(work.resolve("server-data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI publicUrl = URI.create("https://127.0.0.1:" + port);
        try (ServerContext context =
                        ServerContext.open(ServerSettings.embedded(data).withPublicUrl(publicUrl));
                RenewalServer server = RenewalServer.start(
                        HttpEndpoint.https(
                                "127.0.0.1",
                                port,
                                ServerTls.development(
                                        data.resolve("ca"),
                                        DevelopmentPassword.loadOrCreate(data.resolve("ca")),
                                        context.ca(),
                                        "127.0.0.1")),
                        context.renewals(),
                        context.revocationHandler())) {
            Path rootPem = DevelopmentHierarchy.certificateFile(data.resolve("ca"), DevelopmentHierarchy.ROOT_CA);
            CardIssuer issuer = new CardIssuer(context.registrationAuthority());
            System.out.printf(
                    "Renewal benchmark: SoftHSM2 cards, server %s; each key generation %.1f s slower (a real card's"
                            + " 2-10 s, -D%s); %d cold renewals (each in a fresh client JVM), %d warm-up + %d warm%n",
                    server.baseUri(),
                    keyDelay.toMillis() / 1000.0,
                    SlowCard.DELAY_PROPERTY,
                    coldRenewals,
                    warmUps,
                    measured);
            System.out.printf(
                    "%-8s %13s   %9s %9s %9s %14s%n",
                    "run", "Continue ms", "total ms", "token ms", "rest ms", "of it service");
            List<MeasuredRenewal> cold = new ArrayList<>();
            List<MeasuredRenewal> warm = new ArrayList<>();
            SmartcardSession.ServiceConnector api = () -> new RenewalApiClient(
                    server.baseUri(), TrustAnchors.sslContext(TrustAnchors.load(List.of(rootPem))));
            Path journal = Files.createDirectories(work.resolve("journal"));
            // warm-ups first: a card holder's fresh client meets a service that has renewed before
            for (int run = 1; run <= warmUps; run++) {
                print("warm-up", inThisJvm(tokens, issuer, api, journal, keyDelay, run));
            }
            for (int run = 1; run <= coldRenewals; run++) {
                String label = "COLD-" + run + "-" + System.nanoTime() % 100000;
                TokenLocation location = issued(tokens, issuer, label, run);
                MeasuredRenewal renewal = inFreshJvm(server.baseUri(), rootPem, location, label, journal, work);
                print("cold #" + run, renewal);
                cold.add(renewal);
            }
            for (int run = 1; run <= measured; run++) {
                MeasuredRenewal renewal = inThisJvm(tokens, issuer, api, journal, keyDelay, 100 + run);
                print("warm #" + run, renewal);
                warm.add(renewal);
            }
            summary("cold (fresh client JVM)", cold);
            summary("warm", warm);
        }
    }

    /** A fresh token whose certificates, issued by the RA, expire in 30 days. */
    private static TokenLocation issued(SoftHsmTokens tokens, CardIssuer issuer, String label, int run)
            throws Exception {
        TokenLocation location = tokens.createToken(label, "87654321".toCharArray(), PASSCODE);
        try (Card card = Pkcs11Card.open(location)) {
            card.login(PASSCODE);
            issuer.issue(
                    card,
                    new RegistrationAuthority.CardHolder("Bench Holder", "999000" + run),
                    Clock.systemUTC().instant().plus(Duration.ofDays(30)));
        }
        return location;
    }

    /** One renewal of a freshly issued card in this (warm) JVM. */
    private static MeasuredRenewal inThisJvm(
            SoftHsmTokens tokens,
            CardIssuer issuer,
            SmartcardSession.ServiceConnector api,
            Path journal,
            Duration keyDelay,
            int run)
            throws Exception {
        String label = "WARM-" + run + "-" + System.nanoTime() % 100000;
        TokenLocation location = issued(tokens, issuer, label, 200 + run);
        try (Card card = Pkcs11Card.open(location)) {
            return MeasuredRenewal.run(card, PASSCODE.clone(), api, journal, keyDelay);
        }
    }

    /** One renewal by {@link ColdRenewalClient} in a new JVM, the passcode on its standard input. */
    private static MeasuredRenewal inFreshJvm(
            URI server, Path rootPem, TokenLocation location, String label, Path journal, Path work) throws Exception {
        Path output = work.resolve("cold-" + label + ".log");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-D" + SlowCard.DELAY_PROPERTY + "=" + System.getProperty(SlowCard.DELAY_PROPERTY),
                        "-Dselfrenewal.log.dir=" + work.resolve("client-logs"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ColdRenewalClient.class.getName(),
                        server.toString(),
                        rootPem.toString(),
                        location.library().toString(),
                        label,
                        journal.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try (var stdin = process.getOutputStream()) {
            stdin.write((new String(PASSCODE) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the cold renewal did not finish in 5 minutes: " + output);
        }
        List<String> lines = Files.readAllLines(output);
        return lines.stream()
                .filter(line -> line.startsWith("RENEWAL "))
                .findFirst()
                .map(MeasuredRenewal::parse)
                .orElseThrow(() -> new IllegalStateException(
                        "the cold renewal failed (exit " + process.exitValue() + "): " + String.join("\n", lines)));
    }

    private static void print(String run, MeasuredRenewal renewal) {
        System.out.printf(
                "%-8s %13d   %9d %9d %9d %14d%n",
                run,
                millis(renewal.checkNanos()),
                millis(renewal.totalNanos()),
                millis(renewal.tokenNanos()),
                millis(renewal.restNanos()),
                millis(renewal.serviceNanos()));
    }

    private static void summary(String kind, List<MeasuredRenewal> runs) {
        if (runs.isEmpty()) {
            return;
        }
        long median = median(runs, MeasuredRenewal::restNanos);
        long worst = runs.stream().mapToLong(r -> millis(r.restNanos())).max().orElseThrow();
        System.out.printf(
                "%s: \"Renew\" to \"Success\": median total %d ms, in the token %d ms, rest %d ms (worst %d ms), of"
                        + " which waiting for the service %d ms; target rest <= %d ms: %s (median), %s (worst)%n",
                kind,
                median(runs, MeasuredRenewal::totalNanos),
                median(runs, MeasuredRenewal::tokenNanos),
                median,
                worst,
                median(runs, MeasuredRenewal::serviceNanos),
                TARGET_MILLIS,
                median <= TARGET_MILLIS ? "MET" : "MISSED",
                worst <= TARGET_MILLIS ? "MET" : "MISSED");
        System.out.printf(
                "%s: \"Continue\" (the card read and the service's start, answered before the passcode is asked):"
                        + " median %d ms%n",
                kind, median(runs, MeasuredRenewal::checkNanos));
    }

    private static long median(List<MeasuredRenewal> runs, ToLongFunction<MeasuredRenewal> nanos) {
        List<Long> sorted =
                runs.stream().map(r -> millis(nanos.applyAsLong(r))).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1_000_000.0);
    }
}
