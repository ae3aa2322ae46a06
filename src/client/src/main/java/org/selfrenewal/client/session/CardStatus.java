package org.selfrenewal.client.session;

import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.client.CurrentCredentials;
import org.selfrenewal.protocol.Eligibility;

/**
 * The card as read without a passcode: which token, its two current credentials, and whether they can be
 * renewed now by this machine's clock.
 */
public record CardStatus(TokenDescription token, CurrentCredentials credentials, Eligibility eligibility) {

    /** The card says it is locked (too many wrong passcodes); not every card says so before a login. */
    public boolean locked() {
        return token.pinLocked();
    }

    /** The card says one more wrong passcode locks it. */
    public boolean finalTry() {
        return token.pinFinalTry();
    }

    /** Whether Renew Certificate is offered: due, and the card not known to be locked. */
    public boolean renewable() {
        return eligibility.isDue() && !locked();
    }
}
