package org.selfrenewal.ca;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * RSA key pairs built the way the vulnerable Infineon library built them (primes k * M + (65537^a mod M),
 * M the product of the primes up to 167), so tests have a ROCA-weak modulus with a usable private key.
 */
public final class RocaKeys {

    private static final BigInteger E = BigInteger.valueOf(65537);

    private RocaKeys() {}

    public static KeyPair weak(int bits) throws Exception {
        SecureRandom random = new SecureRandom();
        BigInteger primorial = BigInteger.TWO;
        for (int p : RocaFingerprint.PRIMES) {
            primorial = primorial.multiply(BigInteger.valueOf(p));
        }
        BigInteger p;
        BigInteger q;
        do {
            p = prime(bits / 2, primorial, random);
            q = prime(bits / 2, primorial, random);
        } while (p.equals(q)
                || p.multiply(q).bitLength() != bits
                || !E.gcd(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)))
                        .equals(BigInteger.ONE));
        BigInteger n = p.multiply(q);
        BigInteger d = E.modInverse(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new KeyPair(
                rsa.generatePublic(new RSAPublicKeySpec(n, E)),
                rsa.generatePrivate(new RSAPrivateCrtKeySpec(
                        n,
                        E,
                        d,
                        p,
                        q,
                        d.mod(p.subtract(BigInteger.ONE)),
                        d.mod(q.subtract(BigInteger.ONE)),
                        q.modInverse(p))));
    }

    private static BigInteger prime(int bits, BigInteger primorial, SecureRandom random) {
        // k between sqrt(2) * 2^(bits-1) / M and 2^bits / M, so that the product of two primes has 2 * bits bits
        BigInteger low = BigInteger.ONE
                .shiftLeft(bits - 1)
                .multiply(BigInteger.valueOf(14143))
                .divide(BigInteger.valueOf(10000))
                .divide(primorial);
        BigInteger span = BigInteger.ONE.shiftLeft(bits).divide(primorial).subtract(low);
        while (true) {
            BigInteger a = new BigInteger(64, random);
            BigInteger k = low.add(new BigInteger(span.bitLength() + 8, random).mod(span));
            BigInteger candidate = k.multiply(primorial).add(E.modPow(a, primorial));
            if (candidate.bitLength() == bits && candidate.isProbablePrime(40)) {
                return candidate;
            }
        }
    }
}
