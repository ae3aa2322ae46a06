package org.selfrenewal.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.client.ClientMain;
import org.selfrenewal.server.ServerMain;

/**
 * One test's smartcard world: a fresh SoftHSM2 token directory (its own SOFTHSM2_CONF), the RA's
 * issue-card command and the card holder's client run as real subprocesses against an in-process server.
 */
final class VirtualCardRig {

    static final String PASSCODE = "246810";
    static final String LABEL = "TEST-CARD";
    private static final Pattern CERT_SERIAL = Pattern.compile("(?m)^\\s*serial:\\s*([0-9A-F]+)\\s*$");

    final Path directory;
    final SoftHsmTokens tokens;
    private final Path serverData;
    private final Supplier<URI> service;

    VirtualCardRig(Path directory, InProcessServer server) throws IOException {
        this(directory, server.dataDirectory, server::baseUri);
    }

    /** For a server of its own (e.g. a {@code serve} process) with data in {@code serverData}. */
    VirtualCardRig(Path directory, Path serverData, Supplier<URI> service) throws IOException {
        this.directory = Files.createDirectories(directory.resolve("card"));
        this.tokens = SoftHsmTokens.inDirectory(this.directory);
        this.tokens.ensureConfigured();
        this.serverData = serverData;
        this.service = service;
    }

    /** More environment for its processes (e.g. the HSM PIN for an RA whose CA keys are on an HSM). */
    final Map<String, String> extraEnvironment = new HashMap<>();

    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(tokens.environment());
        environment.putAll(extraEnvironment);
        return environment;
    }

    /** The RA issues a new virtual card whose certificates expire at {@code notAfter}. */
    ProcessRun issueCard(Instant notAfter) throws Exception {
        ProcessRun run = ProcessRun.java(
                directory,
                environment(),
                PASSCODE + "\n",
                ServerMain.class.getName(),
                "issue-card",
                "--data-dir",
                serverData.toString(),
                "--name",
                "Jane Tester",
                "--not-after",
                notAfter.toString(),
                "--new-virtual-card",
                LABEL);
        if (run.exitCode() != 0) {
            throw new AssertionError("issue-card failed: " + run.output());
        }
        return run;
    }

    ProcessRun renew(String passcode, String... extraArgs) throws Exception {
        return renewVia(service.get(), passcode, extraArgs);
    }

    /** The genuine client pointed at {@code service} (for example a relay in the middle). */
    ProcessRun renewVia(URI service, String passcode, String... extraArgs) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("renew", "--token", "label=" + LABEL, "--server", service.toString()));
        args.addAll(List.of(extraArgs));
        return ProcessRun.java(
                directory, environment(), passcode + "\n", ClientMain.class.getName(), args.toArray(String[]::new));
    }

    ProcessRun status() throws Exception {
        return ProcessRun.java(
                directory, environment(), null, ClientMain.class.getName(), "status", "--token", "label=" + LABEL);
    }

    /** What OpenSC's pkcs11-tool (an independent PKCS#11 client) sees on the card after login. */
    String objectListing() throws Exception {
        ProcessRun run = ProcessRun.run(
                directory,
                environment(),
                null,
                List.of(
                        "pkcs11-tool",
                        "--module",
                        tokens.library().toString(),
                        "--token-label",
                        LABEL,
                        "--login",
                        "--pin",
                        PASSCODE,
                        "-O"));
        if (run.exitCode() != 0) {
            throw new AssertionError("pkcs11-tool failed: " + run.output());
        }
        return run.stdout();
    }

    /** Certificate serial numbers on the card (upper-case hex, as pkcs11-tool prints them). */
    List<String> certificateSerials() throws Exception {
        Matcher m = CERT_SERIAL.matcher(objectListing());
        List<String> serials = new ArrayList<>();
        while (m.find()) {
            serials.add(m.group(1).replaceFirst("^0+(?!$)", ""));
        }
        return serials;
    }

    static long count(String listing, String text) {
        return Pattern.compile(Pattern.quote(text)).matcher(listing).results().count();
    }
}
