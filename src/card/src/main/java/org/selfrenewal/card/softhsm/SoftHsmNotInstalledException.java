package org.selfrenewal.card.softhsm;

import org.selfrenewal.card.CardException;

/** SoftHSM2 (library or {@code softhsm2-util}) is missing on this machine. */
public class SoftHsmNotInstalledException extends CardException {
    private static final long serialVersionUID = 1L;

    public SoftHsmNotInstalledException(String what, Throwable cause) {
        super(
                "Virtual cards need SoftHSM2, but " + what + " was not found. Install softhsm2:"
                        + " apt-get install -y softhsm2",
                cause);
    }
}
