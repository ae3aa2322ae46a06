package org.selfrenewal.client;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.CardKey;
import org.selfrenewal.card.KeyLabels;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.client.journal.JournalEntry;
import org.selfrenewal.client.journal.RenewalJournal;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.ErrorCode;
import org.selfrenewal.protocol.RenewalState;
import org.selfrenewal.protocol.RenewalStateRequest;
import org.selfrenewal.protocol.RenewalStatus;
import org.selfrenewal.protocol.SignedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before anything else is done with a logged-in card: finishes or undoes the renewal an earlier run left
 * unfinished (the journal says which), then removes any half-written key an interrupted run left on the card.
 *
 * <p>The service decides, never a guess: asked with a signature by the card, it says how the renewal stands.
 * Confirmed: the new credentials are proven on the card and the old ones removed (never rolled back).
 * Anything else: the new keys and certificates this renewal wrote are removed and an open renewal is
 * cancelled, so the card keeps its old credentials. If the service cannot be asked, nothing on the card is
 * touched and the journal stays for the next run.
 */
public final class InterruptedRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRenewal.class);

    /** What was found and done. */
    public enum Outcome {
        /** No unfinished renewal for this card. */
        NONE,
        /** The service had confirmed: the renewal was finished on the card. */
        FINISHED,
        /** The service had not confirmed: the renewal was undone; the card keeps its current credentials. */
        UNDONE
    }

    /** The outcome, and for {@link Outcome#FINISHED} the card's renewed credentials. */
    public record Resolution(Outcome outcome, Optional<CurrentCredentials> renewed) {}

    /** The service could not say how the renewal ended in a way that lets it be finished or undone safely. */
    public static final class UnresolvedException extends Exception {
        private static final long serialVersionUID = 1L;

        UnresolvedException(String message) {
            super(message);
        }
    }

    private final Card card;
    private final RenewalApi api;
    private final RenewalJournal journal;

    @SuppressFBWarnings(
            value = "EI_EXPOSE_REP2",
            justification = "finishing a renewal works on the card and the journal it is given")
    public InterruptedRenewal(Card card, RenewalApi api, RenewalJournal journal) {
        this.card = card;
        this.api = api;
        this.journal = journal;
    }

    /** Finishes or undoes the card's unfinished renewal, then removes half-written keys. Needs login. */
    public Resolution resolve(TokenDescription token)
            throws CardException, RenewalRefusedException, ServiceUnreachableException, UnresolvedException {
        Optional<JournalEntry> recorded = journal.find(token.label(), token.serialNumber());
        Resolution resolution = new Resolution(Outcome.NONE, Optional.empty());
        if (recorded.isPresent()) {
            JournalEntry entry = recorded.get();
            if (!SignedMessages.serviceIdentity(URI.create(entry.service()))
                    .equals(SignedMessages.serviceIdentity(api.serviceUri()))) {
                throw new UnresolvedException("the unfinished renewal " + entry.renewalId()
                        + " was made with another service; renew with that service to finish it");
            }
            resolution = resolve(entry);
            journal.clear(token.label(), token.serialNumber());
        }
        removeHalfWrittenKeys();
        return resolution;
    }

    private Resolution resolve(JournalEntry entry)
            throws CardException, RenewalRefusedException, ServiceUnreachableException, UnresolvedException {
        List<CardCredential> onCard = card.credentials();
        CardCredential asker = asker(entry, onCard);
        RenewalStatus status;
        try {
            status = api.state(entry.renewalId(), stateRequest(entry, asker));
        } catch (RenewalRefusedException e) {
            if (e.error().code() != ErrorCode.RENEWAL_NOT_FOUND) {
                throw e;
            }
            if (entry.confirmationSent()) {
                throw new UnresolvedException("the service does not know renewal " + entry.renewalId()
                        + " although its confirmation was sent; the card is left as it is");
            }
            LOG.info("Renewal {} is not known to the service; undoing it on the card", entry.renewalId());
            undo(entry, null, onCard);
            return new Resolution(Outcome.UNDONE, Optional.empty());
        }
        LOG.info(
                "Renewal {} stands {}{} at the service",
                entry.renewalId(),
                status.state(),
                status.expired() ? " (timed out)" : "");
        if (status.state() == RenewalState.CONFIRMED) {
            return new Resolution(Outcome.FINISHED, Optional.of(finish(entry, status, onCard)));
        }
        undo(entry, status, onCard);
        return new Resolution(Outcome.UNDONE, Optional.empty());
    }

    /** The card's authentication credential the service will believe: the old one, else the renewal's new one. */
    private static CardCredential asker(JournalEntry entry, List<CardCredential> onCard) throws UnresolvedException {
        Set<String> newIds =
                Set.copyOf(entry.newKeys().stream().map(JournalEntry.NewKey::id).toList());
        Optional<CardCredential> old = onCard.stream()
                .filter(c -> c.purpose() == CredentialPurpose.AUTHENTICATION)
                .filter(c -> fingerprint(c.certificate()).equals(entry.oldAuthentication()))
                .findFirst();
        if (old.isPresent()) {
            return old.get();
        }
        return onCard.stream()
                .filter(c -> c.purpose() == CredentialPurpose.AUTHENTICATION && newIds.contains(c.id()))
                .findFirst()
                .orElseThrow(() -> new UnresolvedException("neither the old nor the new authentication credential of"
                        + " renewal " + entry.renewalId() + " is on the card"));
    }

    private RenewalStateRequest stateRequest(JournalEntry entry, CardCredential asker) throws CardException {
        byte[] der;
        try {
            der = asker.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate read from the card can be encoded", e);
        }
        byte[] signature = card.sign(
                asker, SignedMessages.stateQuery(api.serviceUri(), entry.renewalId(), entry.challenge(), der));
        return new RenewalStateRequest(CertificateCodec.base64(der), CertificateCodec.base64(signature));
    }

    /** Confirmed by the service: prove the new credentials on the card, then remove the old ones. */
    private CurrentCredentials finish(JournalEntry entry, RenewalStatus status, List<CardCredential> onCard)
            throws CardException, UnresolvedException {
        X509Certificate newAuthentication = certificate(status.authenticationCertificate());
        X509Certificate newSigning = certificate(status.signingCertificate());
        CardCredential authentication = onCardWith(newAuthentication, onCard, entry);
        CardCredential signing = onCardWith(newSigning, onCard, entry);
        card.proveKeyPair(authentication);
        card.proveKeyPair(signing);
        for (CardCredential credential : onCard) {
            String sha256 = fingerprint(credential.certificate());
            boolean old = sha256.equals(entry.oldAuthentication()) || sha256.equals(entry.oldSigning());
            if (old
                    && !credential.id().equals(authentication.id())
                    && !credential.id().equals(signing.id())) {
                card.delete(credential);
                LOG.info(
                        "Removed the old {} credential {} of renewal {}",
                        credential.purpose().plainName(),
                        credential.id(),
                        entry.renewalId());
            }
        }
        LOG.info("Finished renewal {}: the card's new credentials are proven, the old ones removed", entry.renewalId());
        return new CurrentCredentials(authentication, signing);
    }

    private static CardCredential onCardWith(X509Certificate issued, List<CardCredential> onCard, JournalEntry entry)
            throws UnresolvedException {
        return onCard.stream()
                .filter(c -> c.certificate().equals(issued))
                .findFirst()
                .orElseThrow(() -> new UnresolvedException("renewal " + entry.renewalId()
                        + " is confirmed but its new certificate " + CertificateCodec.serialHex(issued)
                        + " is not on the card"));
    }

    /**
     * Not confirmed: remove what this renewal wrote, and only that. A key the journal names is removed only if it
     * has no certificate, or its certificate is one this renewal issued: a journal naming the card's current
     * credential (corrupt or hostile) removes nothing.
     */
    private void undo(JournalEntry entry, RenewalStatus status, List<CardCredential> onCard)
            throws CardException, RenewalRefusedException, ServiceUnreachableException {
        List<X509Certificate> issued = new ArrayList<>();
        if (status != null && status.authenticationCertificate() != null) {
            issued.add(certificate(status.authenticationCertificate()));
        }
        if (status != null && status.signingCertificate() != null) {
            issued.add(certificate(status.signingCertificate()));
        }
        List<CardKey> uncertified = card.keysWithoutCertificate();
        for (JournalEntry.NewKey key : entry.newKeys()) {
            List<CardCredential> certified =
                    onCard.stream().filter(c -> c.id().equals(key.id())).toList();
            Optional<CardKey> bare =
                    uncertified.stream().filter(k -> k.id().equals(key.id())).findFirst();
            boolean ours = certified.isEmpty()
                    ? bare.isPresent() && KeyLabels.isNewKeyLabel(bare.get().label())
                    : certified.stream().allMatch(c -> issued.contains(c.certificate()));
            if (certified.isEmpty() && bare.isEmpty()) {
                continue; // already gone (the interrupted run removed it)
            }
            if (!ours) {
                LOG.warn(
                        "Renewal {}: the key {} it names is not one it made (a certificate it did not issue, or"
                                + " another application's label); left on the card",
                        entry.renewalId(),
                        key.id());
                continue;
            }
            card.deleteObjects(key.id());
            LOG.info("Removed the new {} key {} of renewal {}", key.purpose().plainName(), key.id(), entry.renewalId());
        }
        if (status != null && status.state().isOpen()) {
            CardCredential old = onCard.stream()
                    .filter(c -> c.purpose() == CredentialPurpose.AUTHENTICATION)
                    .filter(c -> fingerprint(c.certificate()).equals(entry.oldAuthentication()))
                    .findFirst()
                    .orElse(null);
            if (old == null) {
                LOG.warn(
                        "Renewal {}: the old authentication key is gone; the service's timeout cancels it",
                        entry.renewalId());
            } else {
                byte[] signature = card.sign(old, SignedMessages.cancellation(entry.renewalId(), entry.challenge()));
                api.cancel(entry.renewalId(), new CardSignature(CertificateCodec.base64(signature)));
                LOG.info("Cancelled renewal {} with the service", entry.renewalId());
            }
        }
    }

    /** Keys with this application's label and no certificate: what a run killed mid-way leaves. */
    private void removeHalfWrittenKeys() throws CardException {
        for (CardKey key : card.keysWithoutCertificate()) {
            if (KeyLabels.isNewKeyLabel(key.label())) {
                card.deleteObjects(key.id());
                LOG.info("Removed a half-written key {} '{}' left by an interrupted run", key.id(), key.label());
            } else {
                LOG.info("Left a key without certificate {} that this application did not make", key.id());
            }
        }
    }

    private static X509Certificate certificate(String base64) {
        return CertificateCodec.decode(base64);
    }

    private static String fingerprint(X509Certificate certificate) {
        return CertificateCodec.fingerprint(certificate);
    }
}
