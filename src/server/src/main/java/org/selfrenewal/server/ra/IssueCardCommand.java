package org.selfrenewal.server.ra;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.Pkcs11Card;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.card.passcode.PasscodeInput;
import org.selfrenewal.card.softhsm.SoftHsmTokens;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.EligibilityWords;
import org.selfrenewal.server.OptionChecks;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerVersion;
import org.selfrenewal.server.StorageOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What an RA does at the desk: prepares a card (a new SoftHSM2 virtual card, or a given PKCS#11 token),
 * generates both key pairs on it, issues both certificates and records them. If the card cannot take
 * the certificates, the new keys are removed and the certificates revoked: nothing is left half-done.
 */
@Command(
        name = "issue-card",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Registration authority: issue a card with both certificates. "
                + "The card's passcode is read from the terminal or standard input.")
public final class IssueCardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions data;

    @Mixin
    OperatorOption operator;

    @Option(names = "--name", required = true, description = "Card holder's name.")
    String name;

    @Option(names = "--user-id", description = "Card holder's user id (default: a random 12-digit id).")
    String userId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Expiry expiry;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Expiry {
        @Option(names = "--expires-in", paramLabel = "AMOUNT", description = "e.g. 30d, 12h, -1d.")
        String expiresIn;

        @Option(names = "--not-after", paramLabel = "INSTANT", description = "e.g. 2027-01-31T12:00:00Z.")
        Instant notAfter;
    }

    static final class Target {
        @Option(
                names = "--new-virtual-card",
                paramLabel = "LABEL",
                description = "Create a SoftHSM2 token with this label in the directory of $SOFTHSM2_CONF.")
        String newVirtualCard;

        @Option(
                names = "--token",
                paramLabel = "SPEC",
                description = "Use an existing token: label=L, slot=N, index=N.")
        String token;
    }

    @Option(names = "--pkcs11-library", paramLabel = "PATH", description = "PKCS#11 library (default: SoftHSM2).")
    Path library = TokenLocation.SOFTHSM2_LIBRARY;

    @Override
    public Integer call() throws Exception {
        OptionChecks checks = new OptionChecks(spec);
        data.check(checks);
        operator.check(checks);
        Instant notAfter;
        try {
            notAfter = ExpiryOption.resolve(
                    expiry.expiresIn, expiry.notAfter, Clock.systemUTC().instant());
        } catch (IllegalArgumentException e) {
            throw checks.problem(e.getMessage());
        }
        if (target.token != null) {
            checks.readableFile("--pkcs11-library", library);
        } else {
            String conf = System.getenv(SoftHsmTokens.CONF_ENV);
            if (conf == null || conf.isBlank()) {
                throw checks.problem("--new-virtual-card needs " + SoftHsmTokens.CONF_ENV
                        + " set to the softhsm2.conf of the virtual card directory");
            }
        }
        String holderId = userId != null ? userId : randomDigits(12);
        char[] passcode = PasscodeInput.read("Passcode for the card: ", System.in, System.out);
        try {
            TokenLocation location = target.token != null
                    ? TokenLocation.parse(library, target.token)
                    : createVirtualCard(target.newVirtualCard, passcode);
            try (ServerContext context = ServerContext.open(data.raSettings());
                    Card card = Pkcs11Card.open(location)) {
                card.login(passcode);
                PasscodeInput.wipe(passcode);
                issue(
                        new CardIssuer(context.registrationAuthority(), operator.origin()),
                        card,
                        new RegistrationAuthority.CardHolder(name, holderId),
                        notAfter);
            }
            return 0;
        } catch (CardException e) {
            System.err.println(e.getMessage());
            return 3;
        } finally {
            PasscodeInput.wipe(passcode);
        }
    }

    private static void issue(CardIssuer issuer, Card card, RegistrationAuthority.CardHolder holder, Instant notAfter)
            throws Exception {
        RegistrationAuthority.RegisteredCard registered = issuer.issue(card, holder, notAfter);
        System.out.println("Registered card " + registered.cardId() + " for " + holder.name() + " (user id "
                + holder.userId() + ") on smartcard '" + card.describe().label() + "'");
        for (CredentialPurpose purpose : CredentialPurpose.values()) {
            System.out.println("  " + purpose.plainName() + " certificate serial "
                    + registered.certificate(purpose).getSerialNumber().toString(16) + ", expires "
                    + EligibilityWords.date(
                            registered.certificate(purpose).getNotAfter().toInstant()));
        }
    }

    private static TokenLocation createVirtualCard(String label, char[] passcode) throws CardException {
        String conf = System.getenv(SoftHsmTokens.CONF_ENV);
        if (conf == null || conf.isBlank()) {
            throw new IllegalArgumentException("--new-virtual-card needs " + SoftHsmTokens.CONF_ENV
                    + " set to the softhsm2.conf of the virtual card directory");
        }
        SoftHsmTokens tokens =
                SoftHsmTokens.inDirectory(Path.of(conf).toAbsolutePath().getParent());
        char[] soPin = randomDigits(16).toCharArray();
        try {
            return tokens.createToken(label, soPin, passcode);
        } finally {
            PasscodeInput.wipe(soPin);
        }
    }

    private static String randomDigits(int count) {
        SecureRandom random = new SecureRandom();
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
