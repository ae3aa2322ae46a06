package org.selfrenewal.client;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.passcode.PasscodeInput;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.EligibilityWords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The card holder's application, headless: {@code status} shows the card's certificates and whether
 * they can be renewed; {@code renew} renews them. Exit codes: 0 done, 2 refused or not possible now,
 * 3 the card could not be used, 4 the service could not be reached, 1 unexpected problem.
 */
@Command(name = "selfrenewal-client", mixinStandardHelpOptions = true,
        description = "Smartcard Service: renew the certificates on your NHS smartcard.",
        subcommands = {ClientMain.Status.class, ClientMain.Renew.class})
public final class ClientMain {

    /** The last line of every successful renewal, as the national guide describes it. */
    public static final String SUCCESS = "Success: certificate renewed for smartcard";

    static final int REFUSED = 2;
    static final int CARD_PROBLEM = 3;
    static final int UNREACHABLE = 4;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line and returns the exit code (for tests and the launcher). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ClientMain());
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                err.println(e.getMessage());
                return 1;
            }
            err.println("Sorry, something unexpected went wrong and your smartcard was not changed. "
                    + "Contact your IT service desk. (" + e.getClass().getSimpleName() + ")");
            org.slf4j.LoggerFactory.getLogger(ClientMain.class).error("Unexpected failure", e);
            return 1;
        });
        return commandLine.execute(args);
    }

    @Command(name = "status", description = "Show the certificates on your smartcard and when they can be renewed.")
    static final class Status implements Callable<Integer> {
        @Mixin
        CardOptions cardOptions;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            try (Card card = Pkcs11Card.open(cardOptions.location())) {
                CurrentCredentials current = CurrentCredentials.of(card.credentials());
                out.println("Smartcard: " + card.describe().label());
                for (CardCredential credential : current.both()) {
                    out.println(CredentialLines.describe(credential, Clock.systemUTC()));
                }
                Eligibility eligibility = CardRenewal.eligibility(current, Clock.systemUTC());
                out.println("Renewal: " + EligibilityWords.explain(eligibility));
                return 0;
            } catch (CardException e) {
                System.err.println(e.getMessage());
                return CARD_PROBLEM;
            } catch (CardNotReadyException e) {
                System.err.println(e.getMessage());
                return REFUSED;
            }
        }
    }

    @Command(name = "renew", description = "Renew both certificates on your smartcard. "
            + "The passcode is read from the terminal (or standard input), never from the command line.")
    static final class Renew implements Callable<Integer> {
        @Mixin
        CardOptions cardOptions;

        @Option(names = "--server", paramLabel = "URL", description = "Renewal service (default: ${DEFAULT-VALUE}).")
        URI server = URI.create("http://127.0.0.1:8080");

        @Option(names = "--trust-anchor", paramLabel = "PEM",
                description = "Also trust this certificate authority for the service's HTTPS certificate.")
        java.util.List<java.nio.file.Path> trustAnchors = new java.util.ArrayList<>();

        @Option(names = "--skip-eligibility-check", hidden = true,
                description = "Testing only: let the service alone decide whether the card is due.")
        boolean skipEligibilityCheck;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            PrintStream err = System.err;
            char[] passcode = null;
            try (Card card = Pkcs11Card.open(cardOptions.location());
                 RenewalApiClient api = new RenewalApiClient(server,
                         TrustAnchors.sslContext(TrustAnchors.load(trustAnchors)))) {
                CurrentCredentials current = CurrentCredentials.of(card.credentials());
                Eligibility eligibility = CardRenewal.eligibility(current, Clock.systemUTC());
                if (!skipEligibilityCheck && !eligibility.isDue()) {
                    err.println(EligibilityWords.explain(eligibility));
                    return REFUSED;
                }
                passcode = PasscodeInput.read("Enter your smartcard passcode: ", System.in, out);
                if (System.console() == null) {
                    out.println();
                }
                card.login(passcode);
                PasscodeInput.wipe(passcode);
                new CardRenewal(card, api, Clock.systemUTC(), out::println).renew(!skipEligibilityCheck);
                out.println(SUCCESS);
                return 0;
            } catch (CardException e) {
                err.println(e.getMessage());
                return CARD_PROBLEM;
            } catch (CardNotReadyException | RenewalRefusedException e) {
                err.println(e.getMessage());
                return REFUSED;
            } catch (ServiceUnreachableException e) {
                err.println(e.getMessage());
                return UNREACHABLE;
            } finally {
                PasscodeInput.wipe(passcode);
            }
        }
    }
}
