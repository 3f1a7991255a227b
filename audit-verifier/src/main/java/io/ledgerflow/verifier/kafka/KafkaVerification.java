package io.ledgerflow.verifier.kafka;

import io.ledgerflow.verifier.anchor.AnchorCheck;
import io.ledgerflow.verifier.ledger.LedgerReplay;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.violation.Violations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the ledger topic from offset zero. Records carry no chain hashes, so the ledger checks run (sequences,
 * balances, legs, Σ posted) and anchors get their signatures checked, not their heads.
 */
public final class KafkaVerification {

    private final TopicReader reader;
    private final Optional<AnchorCheck> anchors;
    private final Progress progress;

    public KafkaVerification(TopicReader reader, Optional<AnchorCheck> anchors, Progress progress) {
        this.reader = reader;
        this.anchors = anchors;
        this.progress = progress;
    }

    public Outcome verify() throws TopicUnavailableException {
        Violations violations = new Violations();
        anchors.ifPresent(check -> {
            check.checkSignatures(violations);
            check.headsNotCheckable();
        });
        List<RecordedEvent> records = reader.readAll(violations);
        return verify(records, reader.describe() + " (" + reader.partitions() + " partitions)", reader.notes(),
                violations);
    }

    /** The replay of records already read: what {@link #verify()} does once the topic is read. */
    Outcome verify(List<RecordedEvent> records, String source, List<String> readerNotes, Violations violations) {
        LedgerReplay ledger = new LedgerReplay(false, violations);
        long redeliveries = KafkaReplay.replay(records, ledger, violations, progress);
        ledger.finish();
        List<String> notes = new ArrayList<>(readerNotes);
        notes.add("Kafka records carry no chain hashes: the hash chain is checked only on an export");
        anchors.ifPresent(check -> notes.addAll(check.notes()));
        return new Outcome(source, notes, records.size(), redeliveries, ledger.summary(), null,
                anchors.map(AnchorCheck::summary).orElse(null), violations);
    }
}
