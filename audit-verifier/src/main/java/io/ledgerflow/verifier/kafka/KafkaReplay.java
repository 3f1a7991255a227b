package io.ledgerflow.verifier.kafka;

import io.ledgerflow.verifier.ledger.LedgerReplay;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the records of every partition into global order and replays them. Kafka orders records only within a
 * partition (and a late commit may be published after an event with a higher position), so all records are sorted
 * by their {@code position} extension. Publishing is at-least-once: a record that repeats an event already read,
 * exactly, is skipped; a different event at the same position is a violation.
 */
final class KafkaReplay {

    private KafkaReplay() {
    }

    /** @return how many exact redeliveries were skipped */
    static long replay(List<RecordedEvent> records, LedgerReplay ledger, Violations violations, Progress progress) {
        List<RecordedEvent> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparingLong(RecordedEvent::position));
        long redeliveries = 0;
        long checked = 0;
        RecordedEvent kept = null;
        for (RecordedEvent record : ordered) {
            checked++;
            if (kept != null && record.position() == kept.position()) {
                if (record.envelope().equals(kept.envelope())) {
                    redeliveries++;
                } else {
                    violations.report(ViolationKind.CONFLICTING_EVENT, record.position(),
                            record.replayed().aggregate(), record.where() + " holds event " + record.envelope().id()
                                    + " at the position of event " + kept.envelope().id() + " (" + kept.where() + ")");
                }
                continue;
            }
            kept = record;
            ledger.accept(record.replayed());
            long count = checked;
            long position = record.position();
            progress.tick(() -> "checked " + count + " of " + ordered.size() + " records, position " + position);
        }
        return redeliveries;
    }
}
