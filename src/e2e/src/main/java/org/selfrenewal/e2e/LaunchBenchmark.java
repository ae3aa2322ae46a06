package org.selfrenewal.e2e;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.launch.CardMiddleware;
import org.selfrenewal.launch.LaunchSite;
import org.selfrenewal.launch.LaunchSiteConfig;
import org.selfrenewal.server.HttpEndpoint;
import org.selfrenewal.server.RenewalServer;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerSettings;
import org.selfrenewal.webstart.DownloadBudget;
import org.selfrenewal.webstart.Javaws;
import org.selfrenewal.webstart.XDisplay;

/**
 * {@code bench} (launch to window): starts IcedTea-Web {@code javaws} NOT headless on the current X display
 * (Xvfb) on the JNLP a real launch site serves over loopback, and measures the time from starting javaws to
 * the "Smartcard Service" window being shown. Cold: a fresh IcedTea-Web home (empty cache: the jar is
 * downloaded and its signature checked); warm: the same home again (jar cached, unchanged on the server).
 * Targets (issue 10): cold at most 5 s, warm at most 2.5 s. A benchmark, not a test: it prints and never fails.
 *
 * <pre>java -cp selfrenewal-bench.jar org.selfrenewal.e2e.LaunchBenchmark JARS_DIR WORK_DIR [COLD_RUNS] [WARM_RUNS]</pre>
 * Run with SOFTHSM2_CONF pointing at {@code <work>/cards/softhsm2.conf} (the bench script does this): the
 * client reads a SoftHSM2 token in the background once its window shows, as it would read a card.
 */
public final class LaunchBenchmark {

    private static final long COLD_TARGET_MILLIS = 5000;
    private static final long WARM_TARGET_MILLIS = 2500;
    private static final String WINDOW_TITLE = "^Smartcard Service$";
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(120);

    private LaunchBenchmark() {}

    @SuppressFBWarnings(
            value = "UNENCRYPTED_SERVER_SOCKET",
            justification = "the benchmark asks the kernel for a free loopback port; the socket is closed at once")
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LaunchBenchmark JARS_DIR WORK_DIR [COLD_RUNS] [WARM_RUNS]");
            System.exit(2);
        }
        Path jars = Path.of(args[0]).toAbsolutePath().normalize();
        Path work = Path.of(args[1]).toAbsolutePath().normalize();
        int coldRuns = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int warmRuns = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (!XDisplay.available() || !Javaws.available()) {
            System.out.println("Launch-to-window benchmark skipped: "
                    + (Javaws.available() ? XDisplay.whatIsMissing() : "IcedTea-Web javaws is not installed")
                    + " (bench.sh runs it under xvfb-run)");
            return;
        }
        Path signer = jars.resolve("signer.cer");
        if (!Files.isRegularFile(signer)) {
            throw new IllegalStateException("No signed jars in " + jars + " (build src/webstart first)");
        }
        SoftHsmTokens tokens = SoftHsmTokens.inDirectory(work.resolve("cards"));
        tokens.createToken("LAUNCH-BENCH", "87654321".toCharArray(), "135790".toCharArray());

        DownloadBudget.Report download = DownloadBudget.measure(jars, 2L * 1024 * 1024);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        try (ServerContext context =
                        ServerContext.open(ServerSettings.embedded(Files.createDirectories(work.resolve("server-data")))
                                .withPublicUrl(base));
                RenewalServer server = RenewalServer.start(
                        HttpEndpoint.plainHttpOnLoopback("127.0.0.1", port),
                        context.renewals(),
                        LaunchSite.handler(LaunchSiteConfig.builder()
                                .publicBaseUrl(base)
                                .jarDirectory(jars)
                                .cardMiddleware(CardMiddleware.defaults()
                                        .with(
                                                CardMiddleware.Os.LINUX,
                                                "/usr/lib/softhsm/libsofthsm2.so",
                                                CardMiddleware.DEFAULT_TOKEN))
                                .build()))) {
            URI jnlp = URI.create(server.baseUri() + "/urswebapp/selfrenewal.jnlp");
            System.out.printf(
                    "Launch-to-window benchmark: IcedTea-Web javaws (not headless) on %s, DISPLAY=%s%n",
                    jnlp, XDisplay.display());
            System.out.println(download.toString()
                    .replace("budget 2,097,152 bytes (2.00 MB)", "target 2 MB")
                    .replace("within budget", "MET")
                    .replace("OVER BUDGET", "MISSED, over"));
            System.out.printf("%-8s %12s%n", "run", "to window ms");
            Map<String, String> environment = new HashMap<>(tokens.environment());
            environment.put("XDG_STATE_HOME", work.resolve("state").toString());
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            Javaws.Profile warmProfile = null;
            for (int run = 1; run <= coldRuns; run++) {
                Javaws.Profile profile = Javaws.Profile.create(work.resolve("javaws-cold-" + run), List.of(signer));
                long millis = launchToWindow(jnlp, profile, environment, work.resolve("javaws-cold-" + run + ".log"));
                System.out.printf("%-8s %12d%n", "cold #" + run, millis);
                cold.add(millis);
                warmProfile = profile;
            }
            if (warmProfile == null) {
                warmProfile = Javaws.Profile.create(work.resolve("javaws-warm"), List.of(signer));
                launchToWindow(jnlp, warmProfile, environment, work.resolve("javaws-warm-0.log"));
            }
            for (int run = 1; run <= warmRuns; run++) {
                long millis =
                        launchToWindow(jnlp, warmProfile, environment, work.resolve("javaws-warm-" + run + ".log"));
                System.out.printf("%-8s %12d%n", "warm #" + run, millis);
                warm.add(millis);
            }
            report("cold (empty cache)", cold, COLD_TARGET_MILLIS);
            report("warm (cached jars)", warm, WARM_TARGET_MILLIS);
        }
    }

    /**
     * Starts javaws and polls the display every 25 ms for the window (finer than {@code xdotool search --sync},
     * which looks every half second); then stops javaws and the application.
     */
    static long launchToWindow(URI jnlp, Javaws.Profile profile, Map<String, String> extraEnvironment, Path log)
            throws Exception {
        Map<String, String> environment = new HashMap<>(profile.environment());
        environment.putAll(extraEnvironment);
        long start = System.nanoTime();
        try (Javaws.Running app = Javaws.start(jnlp, environment, List.of())) {
            long deadline = start + WINDOW_TIMEOUT.toNanos();
            while (XDisplay.findWindows(WINDOW_TITLE).isEmpty()) {
                if (System.nanoTime() > deadline || !app.isAlive()) {
                    Files.writeString(log, app.output());
                    throw new IllegalStateException(
                            "No Smartcard Service window (" + (app.isAlive() ? "timed out" : "javaws ended")
                                    + "); visible windows " + XDisplay.windows() + "; javaws: " + app.tail(30));
                }
                Thread.sleep(25);
            }
            long millis = Math.round((System.nanoTime() - start) / 1_000_000.0);
            Files.writeString(log, app.stop().output());
            return millis;
        }
    }

    private static void report(String what, List<Long> runs, long targetMillis) {
        if (runs.isEmpty()) {
            return;
        }
        List<Long> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        long worst = sorted.get(sorted.size() - 1);
        System.out.printf(
                Locale.ROOT,
                "launch to window, %s: median %d ms, worst %d ms; target <= %d ms: %s (median), %s (worst)%n",
                what,
                median,
                worst,
                targetMillis,
                median <= targetMillis ? "MET" : "MISSED",
                worst <= targetMillis ? "MET" : "MISSED");
    }
}
