package org.selfrenewal.client;

import java.time.Clock;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.client.journal.JournalEntry;
import org.selfrenewal.client.journal.RenewalJournal;

/** One renewal's entry in the journal, written before each thing it records can happen on the card. */
final class RenewalProgress {

    private final RenewalJournal journal;
    private final Clock clock;
    private JournalEntry entry;

    RenewalProgress(RenewalJournal journal, Clock clock, JournalEntry entry) {
        this.journal = journal;
        this.clock = clock;
        this.entry = entry;
        journal.record(entry);
    }

    void reached(RenewalStep step) {
        save(entry.at(step, clock.instant()));
    }

    void keyMade(GeneratedKeyPair key) {
        save(entry.withNewKey(new JournalEntry.NewKey(key.purpose(), key.id(), key.label()), clock.instant()));
    }

    void confirmationSent() {
        save(entry.confirmationSent(clock.instant()));
    }

    void confirmed() {
        save(entry.confirmed(clock.instant()));
    }

    /** The card is clean again (renewed, or put back as it was): nothing to resume. */
    void over() {
        journal.clear(entry.cardLabel(), entry.cardSerial());
    }

    private void save(JournalEntry next) {
        journal.record(next);
        entry = next;
    }
}
