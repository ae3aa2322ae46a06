package org.selfrenewal.client;

import java.security.cert.X509Certificate;
import java.time.Clock;
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
import org.selfrenewal.protocol.EligibilityWords;
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
 * work, and confirmed by the service. If anything fails before confirmation, the new keys are removed
 * and the renewal cancelled, so the card is exactly as it was.
 */
public final class CardRenewal {

    private static final Logger LOG = LoggerFactory.getLogger(CardRenewal.class);
    private static final int CONFIRMATION_ATTEMPTS = 3;

    private final Card card;
    private final RenewalApiClient api;
    private final Clock clock;
    private final RenewalProgress progress;

    public CardRenewal(Card card, RenewalApiClient api, Clock clock, RenewalProgress progress) {
        this.card = card;
        this.api = api;
        this.clock = clock;
        this.progress = progress;
    }

    /** The card's current credentials and whether they can be renewed now, by this machine's clock. */
    public static Eligibility eligibility(CurrentCredentials current, Clock clock) {
        return new RenewalWindow(clock).evaluateCard(current.both().stream()
                .map(c -> c.certificate().getNotAfter().toInstant()).toList());
    }

    /**
     * Runs the renewal. The card must be logged in.
     *
     * @param checkEligibilityFirst false only to prove the server enforces the rules by itself
     */
    public CurrentCredentials renew(boolean checkEligibilityFirst) throws CardException, CardNotReadyException,
            RenewalRefusedException, ServiceUnreachableException {
        progress.step("Reading the certificates on your smartcard...");
        CurrentCredentials old = CurrentCredentials.of(card.credentials());
        if (checkEligibilityFirst) {
            Eligibility eligibility = eligibility(old, clock);
            if (!eligibility.isDue()) {
                throw new CardNotReadyException(EligibilityWords.explain(eligibility));
            }
        }

        progress.step("Checking your certificates with the renewal service...");
        RenewalStarted started = api.start(new StartRenewal(
                CertificateCodec.encode(old.authentication().certificate()),
                CertificateCodec.encode(old.signing().certificate())));

        GeneratedKeyPair newAuthentication = null;
        GeneratedKeyPair newSigning = null;
        try {
            progress.step("Creating your new authentication key on the smartcard (this can take a minute)...");
            newAuthentication = card.generateKeyPair(CredentialPurpose.AUTHENTICATION);
            progress.step("Creating your new signing key on the smartcard...");
            newSigning = card.generateKeyPair(CredentialPurpose.SIGNING);
            String authenticationCsr = request(newAuthentication, old.authentication());
            String signingCsr = request(newSigning, old.signing());

            progress.step("Proving to the service that this is your smartcard...");
            byte[] proof = card.sign(old.authentication(), SignedMessages.possession(api.baseUri(),
                    started.renewalId(), started.challenge(), CertificateCodec.unbase64(authenticationCsr),
                    CertificateCodec.unbase64(signingCsr)));

            progress.step("Requesting your new certificates...");
            IssuedCertificates issued = api.submitRequests(started.renewalId(), new CertificateRequests(
                    CertificateCodec.base64(proof), authenticationCsr, signingCsr));

            progress.step("Writing the new certificates to your smartcard...");
            CardCredential authentication = card.storeCertificate(newAuthentication,
                    CertificateCodec.decode(issued.authenticationCertificate()));
            CardCredential signing = card.storeCertificate(newSigning,
                    CertificateCodec.decode(issued.signingCertificate()));

            progress.step("Checking the new keys work...");
            card.proveKeyPair(authentication);
            card.proveKeyPair(signing);

            progress.step("Confirming the renewal with the service...");
            confirm(started, authentication);
            newAuthentication = null;
            newSigning = null;

            progress.step("Removing the old certificates from your smartcard...");
            removeOld(old);
            return new CurrentCredentials(authentication, signing);
        } finally {
            if (newAuthentication != null || newSigning != null) {
                rollBack(started, old, newAuthentication, newSigning);
            }
        }
    }

    private String request(GeneratedKeyPair key, CardCredential current) throws CardException {
        X500Name subject = X500Name.getInstance(current.certificate().getSubjectX500Principal().getEncoded());
        PKCS10CertificationRequest csr = card.createCertificationRequest(key, subject);
        try {
            return CertificateCodec.base64(csr.getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a certification request can always be encoded", e);
        }
    }

    private void confirm(RenewalStarted started, CardCredential newAuthentication)
            throws CardException, RenewalRefusedException, ServiceUnreachableException {
        X509Certificate certificate = newAuthentication.certificate();
        byte[] signature = card.sign(newAuthentication, SignedMessages.confirmation(started.renewalId(),
                started.challenge(), CertificateCodec.serialHex(certificate)));
        SignedStatement statement = new SignedStatement(CertificateCodec.base64(signature));
        for (int attempt = 1; ; attempt++) {
            try {
                api.confirm(started.renewalId(), statement);
                return;
            } catch (ServiceUnreachableException e) {
                if (attempt == CONFIRMATION_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Confirmation attempt {} failed, retrying: {}", attempt, e.getCause().toString());
            }
        }
    }

    private void removeOld(CurrentCredentials old) {
        for (CardCredential credential : old.both()) {
            try {
                card.delete(credential);
            } catch (CardException e) {
                LOG.warn("Could not delete old credential {}", credential.id(), e);
                progress.warning("Your certificates were renewed, but an old " + credential.purpose().plainName()
                        + " certificate could not be removed from your smartcard. It is no longer valid; your IT "
                        + "service desk can remove it.");
            }
        }
    }

    private void rollBack(RenewalStarted started, CurrentCredentials old, GeneratedKeyPair... generated) {
        progress.step("Undoing the changes: your smartcard keeps its current certificates.");
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
            byte[] signature = card.sign(old.authentication(),
                    SignedMessages.cancellation(started.renewalId(), started.challenge()));
            api.cancel(started.renewalId(), new SignedStatement(CertificateCodec.base64(signature)));
        } catch (CardException | RenewalRefusedException | ServiceUnreachableException | RuntimeException e) {
            LOG.warn("Could not cancel renewal {}; the service will cancel it when it times out",
                    started.renewalId(), e);
        }
    }
}
