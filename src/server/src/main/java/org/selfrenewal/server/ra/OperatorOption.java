package org.selfrenewal.server.ra;

import org.selfrenewal.server.OptionChecks;
import org.selfrenewal.server.persistence.AuditOrigin;
import picocli.CommandLine.Option;

/** Who is at the RA's desk: recorded in the audit trail with every RA action. */
public final class OperatorOption {

    @Option(
            names = "--operator",
            paramLabel = "NAME",
            description = "Who does this, for the audit trail (default: the operating-system user).")
    String operator;

    void check(OptionChecks checks) {
        if (operator != null
                && (operator.isBlank()
                        || operator.length() > 100
                        || operator.chars().anyMatch(Character::isISOControl))) {
            throw checks.problem("--operator must be a name of 1 to 100 printable characters");
        }
    }

    AuditOrigin origin() {
        return operator == null ? AuditOrigin.processUser() : AuditOrigin.operator(operator);
    }
}
