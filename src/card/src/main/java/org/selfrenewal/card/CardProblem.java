package org.selfrenewal.card;

/**
 * What went wrong with a card, as a stable code. The card layer reports codes; the card holder's views
 * turn them into words (one resource bundle in the client), so a translation never touches this module.
 */
public enum CardProblem {
    /** No reader, no card in it, or no token with the requested slot or label. */
    NOT_FOUND,
    /** The smartcard middleware's PKCS#11 library is not installed or cannot be loaded. */
    LIBRARY_MISSING,
    /** The card rejected the passcode; see {@link WrongPasscodeException#remainingTries()}. */
    WRONG_PASSCODE,
    /** The passcode is locked after too many wrong tries. */
    LOCKED,
    /** The operation needs the passcode first. */
    NOT_LOGGED_IN,
    /** The card refused a new passcode (length or characters it does not accept). */
    NEW_PASSCODE_REJECTED,
    /** A certificate was offered for a key it does not belong to. */
    KEY_MISMATCH,
    /** Any other failure of the card or its middleware (read, sign, generate, write, delete). */
    OPERATION_FAILED
}
