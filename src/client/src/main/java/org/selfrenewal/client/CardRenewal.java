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
import org.selfrenewal.protocol.CertificateCodec;
import org.selfrenewal.protocol.CertificateRequests;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.protocol.Eligibility;
import org.selfrenewal.protocol.IssuedCertificates;
import org.selfrenewal.protocol.RenewalStarted;
import org.selfrenewal.protocol.RenewalWindow;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.protocol.SignedStatement;
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

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "the renewal works on the card it is given")
    public CardRenewal(Card card, RenewalApi api, Clock clock, RenewalListener listener) {
        this.card = card;
        this.api = api;
        this.clock = clock;
        this.listener = listener;
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
                    RenewalCancelledException {
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
     * {@code stopRequested} is asked before each step; a stop is honoured only before confirmation.
     */
    public CurrentCredentials complete(RenewalStarted started, CurrentCredentials old, BooleanSupplier stopRequested)
            throws CardException, RenewalRefusedException, ServiceUnreachableException, RenewalCancelledException {
        RenewalStarted renewal = freshOrRestarted(started, old);
        GeneratedKeyPair newAuthentication = null;
        GeneratedKeyPair newSigning = null;
        try {
            step(RenewalStep.GENERATING_AUTHENTICATION_KEY, stopRequested);
            newAuthentication = card.generateKeyPair(CredentialPurpose.AUTHENTICATION);
            step(RenewalStep.GENERATING_SIGNING_KEY, stopRequested);
            newSigning = card.generateKeyPair(CredentialPurpose.SIGNING);

            step(RenewalStep.PROVING_POSSESSION, stopRequested);
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

            step(RenewalStep.REQUESTING_CERTIFICATES, stopRequested);
            IssuedCertificates issued = api.submitRequests(
                    renewal.renewalId(),
                    new CertificateRequests(CertificateCodec.base64(proof), authenticationRequest, signingRequest));

            step(RenewalStep.WRITING_CERTIFICATES, stopRequested);
            CardCredential authentication = card.storeCertificate(
                    newAuthentication, CertificateCodec.decode(issued.authenticationCertificate()));
            CardCredential signing =
                    card.storeCertificate(newSigning, CertificateCodec.decode(issued.signingCertificate()));

            step(RenewalStep.CHECKING_NEW_CREDENTIALS, stopRequested);
            card.proveKeyPair(authentication);
            card.proveKeyPair(signing);

            step(RenewalStep.CONFIRMING, stopRequested);
            confirm(renewal, authentication);
            newAuthentication = null;
            newSigning = null;

            step(RenewalStep.REMOVING_OLD_CREDENTIALS, stopRequested);
            CurrentCredentials renewed = new CurrentCredentials(authentication, signing);
            removeOld(old);
            checkCardShows(renewed);
            return renewed;
        } finally {
            if (newAuthentication != null || newSigning != null) {
                rollBack(renewal, old, newAuthentication, newSigning);
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

    private void step(RenewalStep step, BooleanSupplier stopRequested) throws RenewalCancelledException {
        if (step.cancellable() && stopRequested.getAsBoolean()) {
            LOG.info("Renewal stopped by the card holder before {}", step);
            throw new RenewalCancelledException(step);
        }
        LOG.info("Renewal step {}/{}: {}", step.number(), RenewalStep.total(), step);
        listener.stepStarted(step);
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

    private void confirm(RenewalStarted started, CardCredential newAuthentication)
            throws CardException, RenewalRefusedException, ServiceUnreachableException {
        X509Certificate certificate = newAuthentication.certificate();
        byte[] signature = card.sign(
                newAuthentication,
                SignedMessages.confirmation(
                        started.renewalId(), started.challenge(), CertificateCodec.serialHex(certificate)));
        SignedStatement statement = new SignedStatement(CertificateCodec.base64(signature));
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

    private void removeOld(CurrentCredentials old) {
        for (CardCredential credential : old.both()) {
            try {
                card.delete(credential);
            } catch (CardException | RuntimeException e) {
                LOG.warn("Could not delete old credential {}", credential.id(), e);
                listener.warning(new CardRenewalWarning(
                        CardRenewalWarning.Kind.OLD_CREDENTIAL_NOT_REMOVED, credential.purpose()));
            }
        }
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

    private void rollBack(RenewalStarted started, CurrentCredentials old, GeneratedKeyPair... generated) {
        listener.undoing();
        for (GeneratedKeyPair key : generated) {
            if (key != null) {
                try {
                    card.delete(key);
                } catch (CardException | RuntimeException e) {
                    LOG.warn("Could not remove new key {} while undoing the renewal", key.id(), e);
                }
            }
        }
        try {
            byte[] signature = card.sign(
                    old.authentication(), SignedMessages.cancellation(started.renewalId(), started.challenge()));
            api.cancel(started.renewalId(), new SignedStatement(CertificateCodec.base64(signature)));
        } catch (CardException | RenewalRefusedException | ServiceUnreachableException | RuntimeException e) {
            LOG.warn(
                    "Could not cancel renewal {}; the service will cancel it when it times out",
                    started.renewalId(),
                    e);
        }
    }
}
