package org.selfrenewal.e2e;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.selfrenewal.protocol.SignedMessages;
import org.selfrenewal.server.ra.RegistrationAuthority;

/**
 * The server load test's card holders, made in advance and cached between runs (RSA-2048 generation is
 * the slow part): one current key pair per purpose shared by every load card (the RA registers them), and
 * per card two fresh key pairs with their certificate requests (PKCS#1 v1.5 signatures are deterministic,
 * so the cached requests stay valid). Software keys stand for the cards: this measures the server.
 */
final class LoadKeys {

    /** One load card's holder and its new keys with their requests. */
    record Prepared(
            int index,
            RegistrationAuthority.CardHolder holder,
            KeyPair newAuthentication,
            KeyPair newSigning,
            byte[] authenticationCsr,
            byte[] signingCsr) {}

    final KeyPair authentication;
    final KeyPair signing;
    final List<Prepared> cards;

    private LoadKeys(KeyPair authentication, KeyPair signing, List<Prepared> cards) {
        this.authentication = authentication;
        this.signing = signing;
        this.cards = cards;
    }

    static RegistrationAuthority.CardHolder holder(int index) {
        return new RegistrationAuthority.CardHolder("Load Holder " + index, String.format("7%011d", index));
    }

    /** {@code count} prepared cards, from {@code directory} where cached, generated (and cached) otherwise. */
    static LoadKeys cached(Path directory, int count) throws Exception {
        Files.createDirectories(directory);
        KeyPair auth = pair(directory.resolve("current-authentication.key"));
        KeyPair sign = pair(directory.resolve("current-signing.key"));
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<Prepared>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> prepared(directory, index)));
            }
            List<Prepared> cards = new ArrayList<>();
            for (Future<Prepared> f : futures) {
                cards.add(f.get());
            }
            return new LoadKeys(auth, sign, cards);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Prepared prepared(Path directory, int index) throws Exception {
        Path file = directory.resolve(String.format("card-%05d.bin", index));
        RegistrationAuthority.CardHolder holder = holder(index);
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                KeyPair a = new KeyPair(publicKey(read(in)), privateKey(read(in)));
                KeyPair s = new KeyPair(publicKey(read(in)), privateKey(read(in)));
                return new Prepared(index, holder, a, s, read(in), read(in));
            }
        }
        KeyPair a = generate();
        KeyPair s = generate();
        X500Name subject = RegistrationAuthority.subjectOf(holder);
        byte[] aCsr = csr(subject, a);
        byte[] sCsr = csr(subject, s);
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(temporary))) {
            for (byte[] part : new byte[][] {
                a.getPublic().getEncoded(),
                a.getPrivate().getEncoded(),
                s.getPublic().getEncoded(),
                s.getPrivate().getEncoded(),
                aCsr,
                sCsr
            }) {
                out.writeInt(part.length);
                out.write(part);
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return new Prepared(index, holder, a, s, aCsr, sCsr);
    }

    private static KeyPair pair(Path file) throws Exception {
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                return new KeyPair(publicKey(read(in)), privateKey(read(in)));
            }
        }
        KeyPair pair = generate();
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (byte[] part : new byte[][] {
                pair.getPublic().getEncoded(), pair.getPrivate().getEncoded()
            }) {
                out.writeInt(part.length);
                out.write(part);
            }
        }
        return pair;
    }

    private static byte[] csr(X500Name subject, KeyPair key) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                .build(new JcaContentSignerBuilder(SignedMessages.SIGNATURE_ALGORITHM).build(key.getPrivate()))
                .getEncoded();
    }

    private static KeyPair generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static byte[] read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 16) {
            throw new IOException("corrupt key cache entry");
        }
        return in.readNBytes(length);
    }

    private static PublicKey publicKey(byte[] der) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static PrivateKey privateKey(byte[] der) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
