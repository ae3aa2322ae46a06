package org.selfrenewal.server.persistence;

import java.time.Instant;
import org.selfrenewal.protocol.CredentialPurpose;

/** A certificate this server issued, with its status. */
public record CertificateRecord(
        long id,
        long cardId,
        CredentialPurpose purpose,
        CertificateStatus status,
        String serialHex,
        String issuerDn,
        String subjectDn,
        String sha256,
        String publicKeySha256,
        Instant notBefore,
        Instant notAfter,
        byte[] der,
        String issuedByRenewal) {}
