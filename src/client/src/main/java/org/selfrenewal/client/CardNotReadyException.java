package org.selfrenewal.client;

import java.util.Optional;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.Eligibility;

/**
 * The card cannot be renewed as it is: a credential is missing, or it is not due or has expired. Carries
 * the reason as data; the views put it into words.
 */
public final class CardNotReadyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Eligibility eligibility;
    private final CredentialPurpose missing;

    /** The 90-day window says no (not yet due, or expired). */
    public CardNotReadyException(Eligibility eligibility) {
        super("Not renewable now: " + eligibility.status());
        this.eligibility = eligibility;
        this.missing = null;
    }

    /** The card holds no credential for {@code missing}. */
    public CardNotReadyException(CredentialPurpose missing) {
        super("The card holds no " + missing.plainName() + " credential");
        this.eligibility = null;
        this.missing = missing;
    }

    /** Why the window says no, when that is the reason. */
    public Optional<Eligibility> eligibility() {
        return Optional.ofNullable(eligibility);
    }

    /** The missing credential, when that is the reason. */
    public Optional<CredentialPurpose> missing() {
        return Optional.ofNullable(missing);
    }
}
