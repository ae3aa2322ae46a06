package org.selfrenewal.card;

/**
 * What a token says about itself (PKCS#11 CK_TOKEN_INFO), with the passcode flags a client needs
 * before asking for the passcode.
 *
 * @param pinCountLow  CKF_USER_PIN_COUNT_LOW: a wrong passcode was entered since the last good one
 * @param pinFinalTry  CKF_USER_PIN_FINAL_TRY: one more wrong passcode locks the card
 * @param pinLocked    CKF_USER_PIN_LOCKED: the card is locked
 */
public record TokenDescription(
        String label,
        String serialNumber,
        String manufacturer,
        String model,
        boolean loginRequired,
        boolean pinCountLow,
        boolean pinFinalTry,
        boolean pinLocked) {}
