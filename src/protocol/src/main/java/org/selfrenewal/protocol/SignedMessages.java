package org.selfrenewal.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The exact bytes a card signs at each step. Each message names its step, so a signature made for one
 * step can never be replayed as another, and binds the renewal id and the server's challenge.
 */
public final class SignedMessages {

    /** The signature algorithm for every card signature in the protocol. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private SignedMessages() {
    }

    /** Signed by the CURRENT authentication key when the certificate requests are submitted. */
    public static byte[] possession(String renewalId, String challenge) {
        return message("possession", renewalId, challenge, "");
    }

    /** Signed by the NEW authentication key once the new certificates are on the card. */
    public static byte[] confirmation(String renewalId, String challenge, String newAuthenticationSerialHex) {
        return message("confirmation", renewalId, challenge, newAuthenticationSerialHex);
    }

    /** Signed by the CURRENT authentication key to abandon a renewal (nothing was kept on the card). */
    public static byte[] cancellation(String renewalId, String challenge) {
        return message("cancellation", renewalId, challenge, "");
    }

    private static byte[] message(String step, String renewalId, String challenge, String extra) {
        String text = "smartcard-self-renewal/v1\n" + step + "\n" + renewalId + "\n" + challenge + "\n" + extra;
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
