package org.selfrenewal.server.ra;

import java.util.concurrent.Callable;
import org.selfrenewal.server.OptionChecks;
import org.selfrenewal.server.ServerContext;
import org.selfrenewal.server.ServerVersion;
import org.selfrenewal.server.StorageOptions;
import org.selfrenewal.server.persistence.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Registration authority: revoke every current certificate of a card (lost, stolen, holder left). */
@Command(
        name = "revoke-card",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Registration authority: revoke a card's certificates.")
public final class RevokeCardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StorageOptions data;

    @Mixin
    OperatorOption operator;

    @Option(names = "--card-id", required = true, description = "The card's id, as issue-card printed it.")
    long cardId;

    @Option(names = "--reason", defaultValue = "revoked by the registration authority", description = "Why.")
    String reason;

    @Option(
            names = "--key-compromise",
            description = "The card's keys may be in someone else's hands (RFC 5280 "
                    + "reason keyCompromise; default: privilegeWithdrawn).")
    boolean keyCompromise;

    @Override
    public Integer call() throws Exception {
        OptionChecks checks = new OptionChecks(spec);
        data.check(checks);
        operator.check(checks);
        if (cardId <= 0) {
            throw checks.problem("--card-id must be a card id as issue-card printed it (1 or more), not " + cardId);
        }
        try (ServerContext context = ServerContext.open(data.raSettings())) {
            int revoked = context.registrationAuthority()
                    .revokeCard(
                            cardId,
                            keyCompromise ? RevocationReason.KEY_COMPROMISE : RevocationReason.CARD_WITHDRAWN,
                            reason,
                            operator.origin());
            System.out.println("Revoked " + revoked + " certificate(s) of card " + cardId);
        }
        return 0;
    }
}
