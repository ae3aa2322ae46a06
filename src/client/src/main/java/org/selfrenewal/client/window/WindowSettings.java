package org.selfrenewal.client.window;

import java.time.Clock;
import org.selfrenewal.card.TokenLocation;
import org.selfrenewal.client.words.Messages;

/**
 * What the window needs besides the session: its words, the trust's contacts, which card and which service
 * (for "Copy details for IT"), and the clock the days left are counted by.
 */
public record WindowSettings(Messages words, TrustContacts contacts, TokenLocation card, String service, Clock clock) {}
