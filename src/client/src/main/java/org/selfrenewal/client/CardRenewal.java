package org.selfrenewal.client;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.selfrenewal.card.Card;
import org.selfrenewal.card.CardCredential;
import org.selfrenewal.card.CardException;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.card.TokenDescription;
import org.selfrenewal.client.journal.JournalEntry;
import org.selfrenewal.client.journal.RenewalJournal;
import org.selfrenewal.protocol.CardSignature;
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalWindow;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.StartRenewal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews both credentials of a logged-in card against the renewal service. New keys are made on the
 * card; the old credentials are removed only after the new certificates are on the card, proven to
 * work, and confirmed by the service. If anything fails (or the card holder stops) before confirmation,
 * the new keys are removed and the renewal cancelled, so the card is exactly as it was.
 */
public final class CardRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(CardRenewal.class);
    private static final int CONFIRMATION_ATTEMPTS = 3;
    /** A renewal started longer ago than this is started afresh rather than risk the service's timeout. */
    private static final Duration FRESH_START_MARGIN = Duration.ofMinutes(2);

    private final Card card;
    private final RenewalApi api;
    private final Clock clock;
    private final RenewalListener listener;

    private final RenewalJournal journal;

    /** A renewal that keeps no journal (a run that is never resumed). */
    public CardRenewal(Card card, RenewalApi api, Clock clock, RenewalListener listener) {
        this(card, api, clock, listener, RenewalJournal.disabled());
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "the renewal works on the card it is given")
    public CardRenewal(Card card, RenewalApi api, Clock clock, RenewalListener listener, RenewalJournal journal) {
        this.card = card;
        this.api = api;
        this.clock = clock;
        this.listener = listener;
        this.journal = journal;
    }

    /** The card's current credentials and whether they can be renewed now, by this machine's clock. */
    public static Eligibility eligibility(CurrentCredentials current, Clock clock) {
        return new RenewalWindow(clock)
                .evaluateCard(current.both().stream()
                        .map(c -> c.certificate().getNotAfter().toInstant())
                        .toList());
    }

    /** Asks the service to open a renewal for the card's current credentials (no passcode needed). */
    public static RenewalStarted start(RenewalApi api, CurrentCredentials current)
            throws RenewalRefusedException, ServiceUnreachableException {
        return api.start(new StartRenewal(
                CertificateCodec.encode(current.authentication().certificate()),
                CertificateCodec.encode(current.signing().certificate())));
    }

    /**
     * Runs a whole renewal on a logged-in card: reads its credentials, checks the 90-day window (unless
     * {@code checkEligibilityFirst} is false, which only proves the service enforces it by itself), starts
     * the renewal with the service and completes it.
     */
    public CurrentCredentials renew(boolean checkEligibilityFirst)
            throws CardException, CardNotReadyException, RenewalRefusedException, ServiceUnreachableException,
                    RenewalCancelledException, RenewalUnfinishedException {
        listener.stepStarted(RenewalStep.CHECKING_ELIGIBILITY);
        CurrentCredentials old = CurrentCredentials.of(card.credentials());
        if (checkEligibilityFirst) {
            Eligibility eligibility = eligibility(old, clock);
            if (!eligibility.isDue()) {
                throw new CardNotReadyException(eligibility);
            }
        }
        return complete(start(api, old), old, () -> false);
    }

    /**
     * Completes a renewal the service has started for {@code old} (started again if it is about to time out).
     * {@code stopRequested} is asked before each step; a stop is honoured only before confirmation. Each step
     * is written to the journal before it touches the card, so a run that dies anywhere can be finished or
     * undone by the next one ({@link InterruptedRenewal}).
     *
     * @throws RenewalUnfinishedException the confirmation was sent but its answer was lost: nothing is rolled
     *                                    back, the next run finishes or undoes the renewal
     */
    public CurrentCredentials complete(RenewalStarted started, CurrentCredentials old, BooleanSupplier stopRequested)
            throws CardException, RenewalRefusedException, ServiceUnreachableException, RenewalCancelledException,
                    RenewalUnfinishedException {
        RenewalStarted renewal = freshOrRestarted(started, old);
        TokenDescription token = card.describe();
        RenewalProgress progress = new RenewalProgress(
                journal,
                clock,
                JournalEntry.started(
                        api.serviceUri(),
                        renewal.renewalId(),
                        renewal.challenge(),
                        token.label(),
                        token.serialNumber(),
                        CertificateCodec.fingerprint(old.authentication().certificate()),
                        CertificateCodec.fingerprint(old.signing().certificate()),
                        clock.instant()));
        GeneratedKeyPair newAuthentication = null;
        GeneratedKeyPair newSigning = null;
        boolean outcomeUnknown = false;
        boolean confirmed = false;
        try {
            // what follows the keys but needs no card is prepared while the card works (issue 10)
            AheadOfTheCard.prepare(old, api.serviceUri());
            step(RenewalStep.GENERATING_AUTHENTICATION_KEY, stopRequested, progress);
            newAuthentication = card.generateKeyPair(CredentialPurpose.AUTHENTICATION);
            progress.keyMade(newAuthentication);
            step(RenewalStep.GENERATING_SIGNING_KEY, stopRequested, progress);
            newSigning = card.generateKeyPair(CredentialPurpose.SIGNING);
            progress.keyMade(newSigning);

            step(RenewalStep.PROVING_POSSESSION, stopRequested, progress);
            String authenticationRequest = request(newAuthentication, old.authentication());
            String signingRequest = request(newSigning, old.signing());
            byte[] proof = card.sign(
                    old.authentication(),
                    SignedMessages.possession(
                            api.serviceUri(),
                            renewal.renewalId(),
                            renewal.challenge(),
                            CertificateCodec.unbase64(authenticationRequest),
                            CertificateCodec.unbase64(signingRequest)));

            step(RenewalStep.REQUESTING_CERTIFICATES, stopRequested, progress);
            IssuedCertificates issued = submit(
                    renewal.renewalId(),
                    new CertificateRequests(CertificateCodec.base64(proof), authenticationRequest, signingRequest));

            step(RenewalStep.WRITING_CERTIFICATES, stopRequested, progress);
            CardCredential authentication = card.storeCertificate(
                    newAuthentication, CertificateCodec.decode(issued.authenticationCertificate()));
            CardCredential signing =
                    card.storeCertificate(newSigning, CertificateCodec.decode(issued.signingCertificate()));

            step(RenewalStep.CHECKING_NEW_CREDENTIALS, stopRequested, progress);
            card.proveKeyPair(authentication);
            card.proveKeyPair(signing);

            step(RenewalStep.CONFIRMING, stopRequested, progress);
            CardSignature confirmation = confirmation(renewal, authentication);
            progress.confirmationSent();
            outcomeUnknown = true; // from here the service may have made the new certificates current
            try {
                confirm(renewal, confirmation);
            } catch (RenewalRefusedException refused) {
                outcomeUnknown = false; // the service answered: it did not confirm
                throw refused;
            } catch (ServiceUnreachableException lost) {
                throw new RenewalUnfinishedException(renewal.renewalId(), lost);
            }
            progress.confirmed();
            confirmed = true;
            outcomeUnknown = false;
            newAuthentication = null;
            newSigning = null;

            step(RenewalStep.REMOVING_OLD_CREDENTIALS, stopRequested, progress);
            CurrentCredentials renewed = new CurrentCredentials(authentication, signing);
            boolean allRemoved = removeOld(old);
            checkCardShows(renewed);
            if (allRemoved) {
                progress.over();
            }
            return renewed;
        } finally {
            if (outcomeUnknown) {
                LOG.warn(
                        "Renewal {}: the confirmation may have reached the service; the card keeps both its old and"
                                + " new credentials and the next run finishes or undoes the renewal",
                        renewal.renewalId());
            } else if (newAuthentication != null || newSigning != null) {
                if (rollBack(renewal, old, newAuthentication, newSigning)) {
                    progress.over();
                }
            } else if (!confirmed) {
                progress.over(); // stopped before any key was made: the card is as it was
            }
        }
    }

    private RenewalStarted freshOrRestarted(RenewalStarted started, CurrentCredentials old)
            throws RenewalRefusedException, ServiceUnreachableException {
        if (started.expiresAt() != null
                && clock.instant().plus(FRESH_START_MARGIN).isAfter(started.expiresAt())) {
            LOG.info("Renewal {} is about to time out; starting a new one", started.renewalId());
            return start(api, old);
        }
        return started;
    }

    private void step(RenewalStep step, BooleanSupplier stopRequested, RenewalProgress progress)
            throws RenewalCancelledException {
        if (step.cancellable() && stopRequested.getAsBoolean()) {
            LOG.info("Renewal stopped by the card holder before {}", step);
            throw new RenewalCancelledException(step);
        }
        LOG.info("Renewal step {}/{}: {}", step.number(), RenewalStep.total(), step);
        progress.reached(step);
        listener.stepStarted(step);
    }

    /** The certificate requests, sent again once if the answer is lost (the service answers a retry alike). */
    private IssuedCertificates submit(String renewalId, CertificateRequests requests)
            throws RenewalRefusedException, ServiceUnreachableException {
        try {
            return api.submitRequests(renewalId, requests);
        } catch (ServiceUnreachableException e) {
            LOG.warn("Certificate requests got no answer, sending them again: {}", String.valueOf(e.getCause()));
            return api.submitRequests(renewalId, requests);
        }
    }

    private String request(GeneratedKeyPair key, CardCredential current) throws CardException {
        X500Name subject = X500Name.getInstance(
                current.certificate().getSubjectX500Principal().getEncoded());
        PKCS10CertificationRequest csr = card.createCertificationRequest(key, subject);
        try {
            return CertificateCodec.base64(csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("a certification request can always be encoded", e);
        }
    }

    private CardSignature confirmation(RenewalStarted started, CardCredential newAuthentication) throws CardException {
        X509Certificate certificate = newAuthentication.certificate();
        byte[] signature = card.sign(
                newAuthentication,
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(certificate)));
        return new CardSignature(CertificateCodec.base64(signature));
    }

    private void confirm(RenewalStarted started, CardSignature statement)
            throws RenewalRefusedException, ServiceUnreachableException {
        for (int attempt = 1; ; attempt++) {
            try {
                api.confirm(started.renewalId(), statement);
                return;
            } catch (ServiceUnreachableException e) {
                if (attempt == CONFIRMATION_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Confirmation attempt {} failed, retrying: {}", attempt, String.valueOf(e.getCause()));
            }
        }
    }

    /** Removes the old credentials; false if any stayed (the journal then lets the next run remove it). */
    private boolean removeOld(CurrentCredentials old) {
        boolean allRemoved = true;
        for (CardCredential credential : old.both()) {
            try {
                card.delete(credential);
            } catch (CardException | RuntimeException e) {
                allRemoved = false;
                LOG.warn("Could not delete old credential {}", credential.id(), e);
                listener.warning(new CardRenewalWarning(
                        CardRenewalWarning.Kind.OLD_CREDENTIAL_NOT_REMOVED, credential.purpose()));
            }
        }
        return allRemoved;
    }

    /** Our own last check: read back, the card's current credentials are the new ones. */
    private void checkCardShows(CurrentCredentials renewed) {
        try {
            CurrentCredentials current = CurrentCredentials.of(card.credentials());
            for (CardCredential expected : renewed.both()) {
                CardCredential shown = expected.purpose() == CredentialPurpose.AUTHENTICATION
                        ? current.authentication()
                        : current.signing();
                if (!shown.certificate().equals(expected.certificate())) {
                    warnNotCurrent(expected);
                }
            }
        } catch (CardException | CardNotReadyException | RuntimeException e) {
            LOG.warn("Could not read the renewed card back", e);
            renewed.both().forEach(this::warnNotCurrent);
        }
    }

    private void warnNotCurrent(CardCredential credential) {
        listener.warning(
                new CardRenewalWarning(CardRenewalWarning.Kind.NEW_CREDENTIAL_NOT_CURRENT, credential.purpose()));
    }

    /** Removes the new keys and cancels the renewal; true if both were done (nothing left to resume). */
    private boolean rollBack(RenewalStarted started, CurrentCredentials old, GeneratedKeyPair... generated) {
        listener.undoing();
        boolean clean = true;
        for (GeneratedKeyPair key : generated) {
            if (key != null) {
                try {
                    card.delete(key);
                } catch (CardException | RuntimeException e) {
                    clean = false;
                    LOG.warn("Could not remove new key {} while undoing the renewal", key.id(), e);
                }
            }
        }
        try {
            byte[] signature = card.sign(
                    old.authentication(), SignedMessages.cancellation(started.renewalId(), started.challenge()));
            api.cancel(started.renewalId(), new CardSignature(CertificateCodec.base64(signature)));
        } catch (CardException | RenewalRefusedException | ServiceUnreachableException | RuntimeException e) {
            clean = false;
            LOG.warn(
                    "Could not cancel renewal {}; the next run (or the service's timeout) cancels it",
                    started.renewalId(),
                    e);
        }
        return clean;
    }
}
