package org.selfrenewal.protocol;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/** Certificates and other DER structures as they travel in the protocol: base64 of DER. */
public final class CertificateCodec {

    private CertificateCodec() {}

    public static String encode(X509Certificate certificate) {
        try {
            return base64(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    public static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    /**
     * Decodes canonical base64 (RFC 4648 section 4, padded, no whitespace, zero pad bits): exactly what
     * {@link #base64(byte[])} produces. Anything else, including another spelling of the same bytes,
     * throws IllegalArgumentException, so one value has one encoding on the wire.
     */
    public static byte[] unbase64(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!base64(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical base64");
        }
        return bytes;
    }

    /** Parses a base64 DER certificate; throws IllegalArgumentException if it is not one. */
    public static X509Certificate decode(String base64Der) {
        return parse(unbase64(base64Der));
    }

    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The certificate's fingerprint: lower-case hex SHA-256 of its DER. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** Serial number as lower-case hex, as used in the protocol's signed messages. */
    public static String serialHex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
