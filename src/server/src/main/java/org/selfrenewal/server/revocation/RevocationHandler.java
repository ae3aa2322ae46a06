package org.selfrenewal.server.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.selfrenewal.ca.CaHierarchy;
import org.selfrenewal.ca.IssuingCa;
import org.selfrenewal.ca.RevocationPublisher;
import org.selfrenewal.protocol.CredentialPurpose;
import org.selfrenewal.server.persistence.CertificateRepository;
import org.selfrenewal.server.persistence.CertificateStatus;
import org.selfrenewal.server.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published revocation, from the database's record: {@code GET /pki/<purpose>.crl} (each issuing CA's
 * CRL, signed by it, fresh for a day) and {@code POST /pki/ocsp/<purpose>} (RFC 6960 OCSP over HTTP).
 * Superseded, revoked and cancelled-pending certificates are revoked with their RFC 5280 reason.
 */
public final class RevocationHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationHandler.class);
    private static final Pattern CRL = Pattern.compile("^/pki/(authentication|signing)\\.crl$");
    private static final Pattern OCSP = Pattern.compile("^/pki/ocsp/(authentication|signing)$");
    private static final int MAX_OCSP_REQUEST_BYTES = 16 * 1024;
    static final Duration CRL_LIFETIME = Duration.ofDays(1);

    private final Database database;
    private final CaHierarchy ca;
    private final Clock clock;
    private final CertificateRepository certificates = new CertificateRepository();

    public RevocationHandler(Database database, CaHierarchy ca, Clock clock) {
        this.database = database;
        this.ca = ca;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        if (!path.startsWith("/pki/")) {
            return false;
        }
        Matcher crl = CRL.matcher(path);
        Matcher ocsp = OCSP.matcher(path);
        if (crl.matches()) {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                return plain(response, callback, 405, "GET");
            }
            byte[] der = crl(purpose(crl.group(1)));
            return send(response, callback, "application/pkix-crl", "max-age=300", der);
        }
        if (ocsp.matches()) {
            if (!"POST".equals(request.getMethod())) {
                return plain(response, callback, 405, "POST");
            }
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || !type.trim().toLowerCase(Locale.ROOT).equals("application/ocsp-request")) {
                return plain(response, callback, 415, null);
            }
            return send(
                    response,
                    callback,
                    "application/ocsp-response",
                    "no-store",
                    ocsp(purpose(ocsp.group(1)), request).getEncoded());
        }
        return plain(response, callback, 404, null);
    }

    byte[] crl(CredentialPurpose purpose) {
        IssuingCa issuer = ca.issuerFor(purpose);
        String issuerDn = issuer.certificate().getSubjectX500Principal().getName();
        List<RevocationPublisher.Revoked> revoked =
                database.inTransaction(c -> certificates.revokedBy(c, issuerDn)).stream()
                        .map(r -> new RevocationPublisher.Revoked(
                                new BigInteger(r.serialHex(), 16), r.changedAt(), reason(r)))
                        .toList();
        Instant now = clock.instant();
        X509CRL list =
                issuer.revocation().crl(revoked, now, now.plus(CRL_LIFETIME), BigInteger.valueOf(now.toEpochMilli()));
        try {
            return list.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private OCSPResp ocsp(CredentialPurpose purpose, Request request) {
        OCSPReq ocspRequest;
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_OCSP_REQUEST_BYTES + 1);
            if (body.length > MAX_OCSP_REQUEST_BYTES) {
                return RevocationPublisher.malformed();
            }
            ocspRequest = new OCSPReq(body);
        } catch (IOException | RuntimeException e) {
            LOG.info("Unreadable OCSP request: {}", e.toString());
            return RevocationPublisher.malformed();
        }
        IssuingCa issuer = ca.issuerFor(purpose);
        String issuerDn = issuer.certificate().getSubjectX500Principal().getName();
        return issuer.revocation()
                .ocsp(
                        ocspRequest,
                        serial -> database.inTransaction(c -> certificates.status(c, issuerDn, serial.toString(16)))
                                .<RevocationPublisher.Status>map(r -> r.revoked()
                                        ? new RevocationPublisher.RevokedStatusOf(r.changedAt(), reason(r))
                                        : new RevocationPublisher.Good())
                                .orElse(new RevocationPublisher.Unknown()),
                        clock.instant());
    }

    private static int reason(CertificateRepository.Revocation r) {
        if (r.reason() != null) {
            return r.reason();
        }
        return r.status() == CertificateStatus.SUPERSEDED ? CRLReason.superseded : CRLReason.unspecified;
    }

    private static CredentialPurpose purpose(String name) {
        return CredentialPurpose.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static boolean send(Response response, Callback callback, String type, String cache, byte[] body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, cache);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static boolean plain(Response response, Callback callback, int status, String allow) {
        response.setStatus(status);
        if (allow != null) {
            response.getHeaders().put(HttpHeader.ALLOW, allow);
        }
        response.write(true, ByteBuffer.allocate(0), callback);
        return true;
    }
}
