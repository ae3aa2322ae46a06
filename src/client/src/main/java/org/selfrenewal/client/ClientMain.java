package org.selfrenewal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.passcode.PasscodeInput;
import org.selfrenewal.client.session.CardStatus;
import org.selfrenewal.client.session.Problem;
import org.selfrenewal.client.session.Result;
import org.selfrenewal.client.session.SmartcardSession;
import org.selfrenewal.client.words.Messages;
import org.selfrenewal.protocol.EligibilityWords;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The console view of the Smartcard Service: {@code status}, {@code renew} and {@code change-passcode} over
 * the same {@link SmartcardSession} the window drives, with the same words. Exit codes: 0 done, 2 refused or
 * not possible now, 3 the card could not be used, 4 the service could not be reached, 1 unexpected problem.
 */
@Command(
        name = "selfrenewal-client",
        mixinStandardHelpOptions = true,
        versionProvider = ClientVersion.class,
        description = "Smartcard Service: renew the certificates on your NHS smartcard.",
        subcommands = {ClientMain.Status.class, ClientMain.Renew.class, ClientMain.ChangePasscode.class})
public final class ClientMain {

    /** The last line of every successful renewal, as the national guide describes it. */
    public static final String SUCCESS = Messages.forLocale(Locale.UK).text("app.success");

    static final int UNEXPECTED = 1;
    static final int REFUSED = 2;
    static final int CARD_PROBLEM = 3;
    static final int UNREACHABLE = 4;

    private static final Messages WORDS = Messages.forDefaultLocale();

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line and returns the exit code (for tests and the launcher). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ClientMain());
        // the terminal's encoding, as PrintStream itself writes
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                err.println(e.getMessage());
                return UNEXPECTED;
            }
            LoggerFactory.getLogger(ClientMain.class).error("Unexpected failure", e);
            err.println(WORDS.text("problem.UNEXPECTED") + " (" + e.getClass().getSimpleName() + ")");
            return UNEXPECTED;
        });
        return commandLine.execute(args);
    }

    /** The exit code a problem ends the console view with. */
    static int exitCode(Problem problem) {
        return switch (problem.code()) {
            case SERVICE_UNREACHABLE, SERVICE_NOT_TRUSTED, RENEWAL_UNFINISHED -> UNREACHABLE;
            case NOT_DUE,
                    EXPIRED,
                    NO_AUTHENTICATION_CERTIFICATE,
                    NO_SIGNING_CERTIFICATE,
                    SERVICE_REFUSED,
                    RENEWAL_STOPPED,
                    EARLIER_RENEWAL_UNRESOLVED -> REFUSED;
            case UNEXPECTED -> UNEXPECTED;
            default -> CARD_PROBLEM;
        };
    }

    private static int report(Problem problem, PrintStream err) {
        err.println(WORDS.problem(problem));
        return exitCode(problem);
    }

    private static char[] readPasscode(String promptKey, InputStream in, PrintStream out) throws IOException {
        char[] passcode = PasscodeInput.read(WORDS.text(promptKey), in, out);
        if (System.console() == null) {
            out.println();
        }
        return passcode;
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            versionProvider = ClientVersion.class,
            description = "Show the certificates on your smartcard and when they can be renewed.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CardOptions cardOptions;

        @Override
        public Integer call() {
            try (SmartcardSession session = new SmartcardSession(
                    () -> Pkcs11Card.open(cardOptions.location()),
                    () -> {
                        throw new IllegalStateException("status never contacts the service");
                    },
                    Clock.systemUTC())) {
                Result<CardStatus> read = session.readCard();
                if (!read.isOk()) {
                    return report(read.problem(), System.err);
                }
                print(read.value(), System.out);
                return 0;
            }
        }

        private static void print(CardStatus status, PrintStream out) {
            out.println(WORDS.text("select.card", status.token().label()));
            for (CardCredential credential : status.credentials().both()) {
                out.println("  " + CredentialWords.line(WORDS, credential, Clock.systemUTC()));
            }
            String renewal = status.eligibility().isDue()
                    ? WORDS.text(
                            "console.renewDue",
                            EligibilityWords.day(status.eligibility().notAfter()),
                            CredentialWords.daysLeft(WORDS, status.eligibility().daysLeft()))
                    : WORDS.problem(Problem.notRenewable(status.eligibility()));
            out.println(WORDS.text("console.renewal", renewal));
        }
    }

    @Command(
            name = "renew",
            mixinStandardHelpOptions = true,
            versionProvider = ClientVersion.class,
            description =
                    "Renew both certificates on your "
                            + "smartcard. The passcode is read from the terminal (or standard input), never from the command line.")
    static final class Renew implements Callable<Integer> {
        @Mixin
        CardOptions cardOptions;

        @Option(names = "--server", paramLabel = "URL", required = true, description = "The renewal service.")
        URI server;

        @Option(
                names = "--trust-anchor",
                paramLabel = "PEM",
                description = "Also trust this certificate authority for the service's HTTPS certificate.")
        List<Path> trustAnchors = new ArrayList<>();

        @Option(
                names = "--skip-eligibility-check",
                hidden = true,
                description = "Testing only: let the service alone decide whether the card is due.")
        boolean skipEligibilityCheck;

        @Override
        public Integer call() throws IOException {
            PrintStream out = System.out;
            PrintStream err = System.err;
            try {
                ServiceAddressPolicy.check(server);
            } catch (IllegalArgumentException e) {
                err.println(WORDS.text("launch.insecureAddress"));
                return UNEXPECTED;
            }
            if (!ServiceAddressPolicy.isAllowedHost(server, ServiceAddressPolicy.pinnedHosts())) {
                err.println(WORDS.text("launch.notOurService", server.getHost()));
                return UNEXPECTED;
            }
            try (SmartcardSession session = new SmartcardSession(
                    () -> Pkcs11Card.open(cardOptions.location()),
                    () -> new RenewalApiClient(server, TrustAnchors.sslContext(TrustAnchors.load(trustAnchors))),
                    Clock.systemUTC())) {
                out.println(WORDS.text("select.checkingService"));
                Result<CardStatus> checked = session.checkRenewalWithService(!skipEligibilityCheck);
                if (!checked.isOk()) {
                    return report(checked.problem(), err);
                }
                char[] passcode = readPasscode("console.passcodePrompt", System.in, out);
                Result<CardStatus> loggedIn;
                try {
                    loggedIn = session.logIn(passcode);
                } finally {
                    PasscodeInput.wipe(passcode);
                }
                if (!loggedIn.isOk()) {
                    return report(loggedIn.problem(), err);
                }
                Result<CurrentCredentials> renewed = session.renew(new ConsoleProgress(out), () -> false);
                if (!renewed.isOk()) {
                    return report(renewed.problem(), err);
                }
                out.println(WORDS.text("app.successNext"));
                out.println(SUCCESS);
                return 0;
            }
        }
    }

    @Command(
            name = "change-passcode",
            mixinStandardHelpOptions = true,
            versionProvider = ClientVersion.class,
            description =
                    "Change your smartcard "
                            + "passcode. The passcodes are read from the terminal (or standard input), never from the command line.")
    static final class ChangePasscode implements Callable<Integer> {
        @Mixin
        CardOptions cardOptions;

        @Override
        public Integer call() throws IOException {
            PrintStream out = System.out;
            out.println(WORDS.text("change.intro"));
            char[] current = null;
            char[] replacement = null;
            char[] repeated = null;
            try (SmartcardSession session = new SmartcardSession(
                    () -> Pkcs11Card.open(cardOptions.location()),
                    () -> {
                        throw new IllegalStateException("changing the passcode never contacts the service");
                    },
                    Clock.systemUTC())) {
                current = readPasscode("console.currentPasscodePrompt", System.in, out);
                replacement = readPasscode("console.newPasscodePrompt", System.in, out);
                repeated = readPasscode("console.repeatPasscodePrompt", System.in, out);
                Result<Void> changed = session.changePasscode(current, replacement, repeated);
                if (!changed.isOk()) {
                    return report(changed.problem(), System.err);
                }
                out.println(WORDS.text("change.done") + " " + WORDS.text("change.doneNext"));
                return 0;
            } finally {
                PasscodeInput.wipe(current);
                PasscodeInput.wipe(replacement);
                PasscodeInput.wipe(repeated);
            }
        }
    }

    /** Prints each step of a renewal as a line. */
    private record ConsoleProgress(PrintStream out) implements RenewalListener {
        @Override
        public void stepStarted(RenewalStep step) {
            out.println(WORDS.text("progress.step", step.number(), RenewalStep.total()) + ": " + WORDS.step(step));
        }

        @Override
        public void undoing() {
            out.println(WORDS.text("progress.undoing"));
        }

        @Override
        public void previousRenewal(InterruptedRenewal.Outcome outcome) {
            out.println(WORDS.text("resume." + outcome.name()));
        }

        @Override
        public void warning(CardRenewalWarning warning) {
            out.println(WORDS.warning(warning));
        }
    }
}
