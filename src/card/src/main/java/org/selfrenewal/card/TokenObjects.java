package org.selfrenewal.card;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_DECRYPT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Object management by CKA_ID through ipkcs11wrapper: what the JDK's KeyStore cannot do (it names
 * entries by alias, hides public key objects and rewrites CKA_ID when storing).
 */
final class TokenObjects {

    /** An X.509 certificate object as stored on the token. */
    record StoredCertificate(byte[] id, String label, byte[] encoded) {}

    /** The protection attributes of a private key. */
    record KeyProtection(
            boolean token,
            boolean privateObject,
            boolean sensitive,
            boolean extractable,
            boolean alwaysSensitive,
            boolean neverExtractable) {}

    /** What a private key may be used for on the card. */
    record KeyUsage(boolean sign, boolean decrypt) {}

    private final Session session;

    TokenObjects(Session session) {
        this.session = session;
    }

    List<StoredCertificate> certificates() throws PKCS11Exception {
        List<StoredCertificate> result = new ArrayList<>();
        AttributeVector template = new AttributeVector().class_(CKO_CERTIFICATE).certificateType(CKC_X_509);
        for (long handle : session.findAllObjectsSingle(template)) {
            AttributeVector a = session.getAttrValues(handle, CKA_ID, CKA_LABEL, CKA_VALUE);
            byte[] id = a.id();
            byte[] value = a.value();
            if (id != null && id.length > 0 && value != null) {
                result.add(new StoredCertificate(id, a.label() == null ? "" : a.label(), value));
            }
        }
        return result;
    }

    /** A private key's CKA_ID and CKA_LABEL (only visible after login). */
    record StoredKey(byte[] id, String label) {}

    List<StoredKey> privateKeys() throws PKCS11Exception {
        List<StoredKey> result = new ArrayList<>();
        for (long handle : session.findAllObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY))) {
            AttributeVector a = session.getAttrValues(handle, CKA_ID, CKA_LABEL);
            byte[] id = a.id();
            if (id != null && id.length > 0) {
                result.add(new StoredKey(id, a.label() == null ? "" : a.label()));
            }
        }
        return result;
    }

    boolean hasCertificate(byte[] id) throws PKCS11Exception {
        return handles(CKO_CERTIFICATE, id).length > 0;
    }

    boolean hasPrivateKey(byte[] id) throws PKCS11Exception {
        return handles(CKO_PRIVATE_KEY, id).length > 0;
    }

    boolean hasPublicKey(byte[] id) throws PKCS11Exception {
        return handles(CKO_PUBLIC_KEY, id).length > 0;
    }

    /** Private keys, public keys and certificates with this CKA_ID (private keys only after login). */
    List<Long> credentialObjects(byte[] id) throws PKCS11Exception {
        List<Long> result = new ArrayList<>();
        for (long objectClass : new long[] {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY, CKO_CERTIFICATE}) {
            for (long h : handles(objectClass, id)) {
                result.add(h);
            }
        }
        return result;
    }

    /** Destroys private key, public key and certificate objects with this CKA_ID; returns how many. */
    int destroyCredentialObjects(byte[] id) throws PKCS11Exception {
        List<Long> objects = credentialObjects(id);
        for (long h : objects) {
            session.destroyObject(h);
        }
        return objects.size();
    }

    int destroyCertificates(byte[] id) throws PKCS11Exception {
        long[] certs = handles(CKO_CERTIFICATE, id);
        for (long h : certs) {
            session.destroyObject(h);
        }
        return certs.length;
    }

    /** Writes a public, persistent X.509 certificate object with the given CKA_ID and CKA_LABEL. */
    void writeCertificate(byte[] id, String label, X509Certificate certificate)
            throws PKCS11Exception, CertificateEncodingException, IOException {
        AttributeVector cert = AttributeVector.newX509Certificate()
                .token(true)
                .private_(false)
                .modifiable(true)
                .id(id)
                .label(label)
                .subject(certificate.getSubjectX500Principal().getEncoded())
                .issuer(certificate.getIssuerX500Principal().getEncoded())
                .serialNumber(new ASN1Integer(certificate.getSerialNumber()).getEncoded())
                .value(certificate.getEncoded());
        session.createObject(cert);
    }

    KeyProtection privateKeyProtection(byte[] id) throws PKCS11Exception {
        long[] keys = handles(CKO_PRIVATE_KEY, id);
        if (keys.length == 0) {
            return null;
        }
        AttributeVector a = session.getAttrValues(
                keys[0],
                CKA_TOKEN,
                CKA_PRIVATE,
                CKA_SENSITIVE,
                CKA_EXTRACTABLE,
                CKA_ALWAYS_SENSITIVE,
                CKA_NEVER_EXTRACTABLE);
        return new KeyProtection(
                isTrue(a.token()),
                isTrue(a.private_()),
                isTrue(a.sensitive()),
                isTrue(a.extractable()),
                isTrue(a.alwaysSensitive()),
                isTrue(a.neverExtractable()));
    }

    KeyUsage privateKeyUsage(byte[] id) throws PKCS11Exception {
        long[] keys = handles(CKO_PRIVATE_KEY, id);
        if (keys.length == 0) {
            return null;
        }
        AttributeVector a = session.getAttrValues(keys[0], CKA_SIGN, CKA_DECRYPT);
        return new KeyUsage(isTrue(a.sign()), isTrue(a.decrypt()));
    }

    private long[] handles(long objectClass, byte[] id) throws PKCS11Exception {
        return session.findAllObjectsSingle(
                new AttributeVector().class_(objectClass).id(id));
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
