package org.selfrenewal.client;

import org.selfrenewal.protocol.ErrorResponse;

/** The renewal service refused a step; its message is shown to the card holder as is. */
public final class RenewalRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ErrorResponse error;

    public RenewalRefusedException(ErrorResponse error) {
        super(error.message());
        this.error = error;
    }

    public ErrorResponse error() {
        return error;
    }
}
