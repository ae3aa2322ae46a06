/**
 * Everything that touches a smartcard through PKCS#11: {@link org.selfrenewal.card.Card} and its
 * implementation {@link org.selfrenewal.card.Pkcs11Card}, opened at a {@link org.selfrenewal.card.TokenLocation}.
 * All failures are {@link org.selfrenewal.card.CardException}s with messages fit for a card holder.
 */
package org.selfrenewal.card;
