package org.selfrenewal.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text for certificates ("-----BEGIN CERTIFICATE-----"), via Bouncy Castle's PEM classes. */
public final class Pem {

    private Pem() {}

    /** The certificates as concatenated PEM blocks. */
    public static String encode(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode certificates as PEM", e);
        }
        return text.toString();
    }

    /** One certificate as a PEM block. */
    public static String encode(X509Certificate certificate) {
        return encode(List.of(certificate));
    }

    /** All certificates in PEM text; other PEM objects are skipped. */
    public static List<X509Certificate> readCertificates(String pem) throws CertificateException {
        return readCertificates(new StringReader(pem));
    }

    /** All certificates in a PEM file; other PEM objects are skipped. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return readCertificates(reader);
        }
    }

    private static List<X509Certificate> readCertificates(Reader reader) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder) {
                    certificates.add(converter.getCertificate((X509CertificateHolder) object));
                }
            }
        } catch (IOException e) {
            throw new CertificateException("Malformed PEM: " + e.getMessage(), e);
        }
        return certificates;
    }
}
