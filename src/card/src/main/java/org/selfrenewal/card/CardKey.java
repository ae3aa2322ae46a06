package org.selfrenewal.card;

/** A private key on the card, named by its PKCS#11 CKA_ID. */
public interface CardKey {

    /** CKA_ID as lower-case hex; the key, its public key and its certificate share it. */
    String id();

    /** CKA_LABEL (may be empty). */
    String label();
}
