package org.selfrenewal.card;

import java.security.SecureRandom;
import java.util.HexFormat;

/** CKA_ID values: fresh random ones for new key pairs, and their hex form. */
final class KeyIds {

    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private KeyIds() {}

    /**
     * 16 random bytes whose first byte is 0x01..0x7F. SunPKCS11 reads {@code 0h...} values in its
     * configuration as a positive BigInteger, so a first byte of 0x80 or more would gain a leading
     * 0x00 and a first byte 0x00 would be dropped (measured: CKA_ID came out 17 bytes long).
     */
    static byte[] newId() {
        byte[] id = new byte[LENGTH];
        RANDOM.nextBytes(id);
        id[0] = (byte) ((id[0] & 0x7F) | 0x01);
        return id;
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
