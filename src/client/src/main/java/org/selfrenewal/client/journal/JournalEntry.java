package org.selfrenewal.client.journal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.selfrenewal.client.RenewalStep;
import org.selfrenewal.protocol.CredentialPurpose;

/**
 * How far one card's renewal got, as the journal keeps it: enough for the next run to ask the service how the
 * renewal ended and to finish or undo it on the card. No secret: no passcode, no private key. The challenge is
 * the service's public nonce for this renewal; it proves nothing without the card's key.
 *
 * @param service            the service the renewal runs against (its signed identity)
 * @param cardLabel          the card's token label
 * @param cardSerial         the card's token serial number
 * @param oldAuthentication  SHA-256 (hex) of the authentication certificate being renewed
 * @param oldSigning         SHA-256 (hex) of the signing certificate being renewed
 * @param newKeys            key pairs this renewal made on the card (ids and labels), in the order made
 * @param step               the step the renewal had reached
 * @param confirmationSent   the confirmation may have reached the service (its answer may be lost)
 * @param confirmed          the service's answer to the confirmation arrived: only old credentials remain to remove
 */
public record JournalEntry(
        String service,
        String renewalId,
        String challenge,
        String cardLabel,
        String cardSerial,
        String oldAuthentication,
        String oldSigning,
        List<NewKey> newKeys,
        RenewalStep step,
        boolean confirmationSent,
        boolean confirmed,
        Instant updatedAt) {

    /** A key pair made on the card by this renewal. */
    public record NewKey(CredentialPurpose purpose, String id, String label) {
        public NewKey {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
        }
    }

    public JournalEntry {
        newKeys = List.copyOf(newKeys);
    }

    /** A renewal the service has just started (or handed out again); nothing is on the card yet. */
    public static JournalEntry started(
            URI service,
            String renewalId,
            String challenge,
            String cardLabel,
            String cardSerial,
            String oldAuthentication,
            String oldSigning,
            Instant now) {
        return new JournalEntry(
                service.toString(),
                renewalId,
                challenge,
                cardLabel,
                cardSerial,
                oldAuthentication,
                oldSigning,
                List.of(),
                RenewalStep.CHECKING_ELIGIBILITY,
                false,
                false,
                now);
    }

    public JournalEntry at(RenewalStep reached, Instant now) {
        return new JournalEntry(
                service,
                renewalId,
                challenge,
                cardLabel,
                cardSerial,
                oldAuthentication,
                oldSigning,
                newKeys,
                reached,
                confirmationSent,
                confirmed,
                now);
    }

    public JournalEntry withNewKey(NewKey key, Instant now) {
        List<NewKey> keys = new ArrayList<>(newKeys);
        keys.add(key);
        return new JournalEntry(
                service,
                renewalId,
                challenge,
                cardLabel,
                cardSerial,
                oldAuthentication,
                oldSigning,
                keys,
                step,
                confirmationSent,
                confirmed,
                now);
    }

    public JournalEntry confirmationSent(Instant now) {
        return new JournalEntry(
                service,
                renewalId,
                challenge,
                cardLabel,
                cardSerial,
                oldAuthentication,
                oldSigning,
                newKeys,
                step,
                true,
                confirmed,
                now);
    }

    public JournalEntry confirmed(Instant now) {
        return new JournalEntry(
                service,
                renewalId,
                challenge,
                cardLabel,
                cardSerial,
                oldAuthentication,
                oldSigning,
                newKeys,
                RenewalStep.REMOVING_OLD_CREDENTIALS,
                true,
                true,
                now);
    }
}
