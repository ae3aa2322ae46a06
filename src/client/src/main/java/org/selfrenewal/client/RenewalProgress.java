package org.selfrenewal.client;

import java.time.Clock;
import org.selfrenewal.card.GeneratedKeyPair;
import org.selfrenewal.client.journal.JournalEntry;
import org.selfrenewal.client.journal.RenewalJournal;

/**
 * One renewal's entry in the journal, written (and forced to disk) before each thing the next run's recovery
 * decides by can happen on the card: the renewal's id and challenge before any key is made, each new key before its
 * certificate is written, the confirmation before it is sent. The step reached only says how far the renewal got
 * (for the log of a later run): it is kept with the entry and written with its next record, not on its own, as
 * each write waits for the disk (issue 10: 8 fewer waits per renewal).
 */
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
        entry = entry.at(step, clock.instant());
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
