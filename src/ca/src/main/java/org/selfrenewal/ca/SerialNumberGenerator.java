package org.selfrenewal.ca;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Random certificate serial numbers: 20 octets (the RFC 5280 maximum), positive, with the second
 * highest bit set so that every serial has exactly 159 bits, 158 of them random.
 */
final class SerialNumberGenerator {

    static final int LENGTH_BYTES = 20;

    private final SecureRandom random;

    SerialNumberGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    BigInteger next() {
        byte[] bytes = new byte[LENGTH_BYTES];
        random.nextBytes(bytes);
        bytes[0] &= 0x7F; // positive, so DER needs no extra leading zero octet
        bytes[0] |= 0x40; // fixed length: 159 bits
        return new BigInteger(1, bytes);
    }
}
