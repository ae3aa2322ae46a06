package org.selfrenewal.client.session;

import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.client.CurrentCredentials;
import org.selfrenewal.protocol.Eligibility;

/**
 * The card as read without a passcode: which token, its two current credentials, and whether they can be
 * renewed now by this machine's clock.
 */
public record CardStatus(
        TokenDescription token, CurrentCredentials credentials, Eligibility eligibility, boolean renewalUnfinished) {

    /** A card with no interrupted renewal to finish. */
    public CardStatus(TokenDescription token, CurrentCredentials credentials, Eligibility eligibility) {
        this(token, credentials, eligibility, false);
    }

    /** The card says it is locked (too many wrong passcodes); not every card says so before a login. */
    public boolean locked() {
        return token.pinLocked();
    }

    /** The card says one more wrong passcode locks it. */
    public boolean finalTry() {
        return token.pinFinalTry();
    }

    /**
     * Whether Renew Certificate is offered: due (or an interrupted renewal is to be finished: the card may
     * already show its new, not-yet-due certificates), and the card not known to be locked.
     */
    public boolean renewable() {
        return (eligibility.isDue() || renewalUnfinished) && !locked();
    }
}
