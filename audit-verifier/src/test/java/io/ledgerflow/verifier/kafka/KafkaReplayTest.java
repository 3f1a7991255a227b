package io.ledgerflow.verifier.kafka;

import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.support.Exports;
import io.ledgerflow.verifier.support.LedgerHistory;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay of records as several partitions deliver them: merged by position, redeliveries skipped. */
class KafkaReplayTest {

    private final LedgerHistory history = LedgerHistory.everyKind();
    private final List<EventEnvelope> envelopes = Exports.envelopes(history);

    @Test
    void recordsOfSeveralPartitionsInAnyOrderReplayClean() {
        List<RecordedEvent> records = partitioned(envelopes, 4);
        Collections.shuffle(records, new Random(7));

        Outcome outcome = verify(records);

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.ledger().eventsApplied()).isEqualTo(envelopes.size());
        assertThat(outcome.chain()).isNull();
    }

    @Test
    void anExactRedeliveryIsSkipped() {
        List<RecordedEvent> records = partitioned(envelopes, 3);
        records.add(new RecordedEvent(envelopes.get(8), 1, 999));
        records.add(new RecordedEvent(envelopes.get(8), 1, 1000));

        Outcome outcome = verify(records);

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.redeliveriesSkipped()).isEqualTo(2);
        assertThat(outcome.ledger().eventsApplied()).isEqualTo(envelopes.size());
    }

    @Test
    void aDifferentEventAtAPositionAlreadyReadIsAConflictingDuplicate() {
        int debit = history.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("t-1"));
        EventEnvelope original = envelopes.get(debit);
        AccountDebited event = (AccountDebited) original.event();
        EventEnvelope conflicting = new EventEnvelope(original.id(), original.time(), original.position(),
                original.sequence(), original.correlationId(), original.causationId(), original.principal(),
                original.clientId(), new AccountDebited(event.accountId(), event.transferId(), 2_400,
                new Balances(event.balances().posted() + 100, 0, 0)));
        List<RecordedEvent> records = partitioned(envelopes, 3);
        records.add(new RecordedEvent(conflicting, 2, 500));

        Outcome outcome = verify(records);

        assertThat(outcome.violations().first(ViolationKind.CONFLICTING_EVENT)).get().satisfies(violation -> {
            assertThat(violation.position()).isEqualTo(original.position());
            assertThat(violation.aggregate()).isEqualTo("account/acc-1");
            assertThat(violation.detail()).contains("partition 2 offset 500");
        });
        assertThat(outcome.violations().count(ViolationKind.BALANCE_MISMATCH)).as("the first one read is applied")
                .isZero();
    }

    @Test
    void aDifferentEventAtAnAggregatesSequenceAlreadyTakenIsAConflictingDuplicate() {
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-6"));
        EventEnvelope original = envelopes.get(credit);
        EventEnvelope other = new EventEnvelope("another-id", original.time(), 10_000, original.sequence(),
                original.correlationId(), original.causationId(), original.principal(), original.clientId(),
                original.event());
        List<RecordedEvent> records = partitioned(envelopes, 3);
        records.add(new RecordedEvent(other, 0, 77));

        Outcome outcome = verify(records);

        assertThat(outcome.violations().first(ViolationKind.CONFLICTING_EVENT)).get().satisfies(violation -> {
            assertThat(violation.position()).isEqualTo(10_000);
            assertThat(violation.aggregate()).isEqualTo("account/acc-1");
        });
    }

    @Test
    void aMissingRecordIsASequenceGap() {
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-1"));
        List<EventEnvelope> missing = new ArrayList<>(envelopes);
        missing.remove(credit);

        Outcome outcome = verify(partitioned(missing, 3));

        assertThat(outcome.violations().first(ViolationKind.SEQUENCE_GAP)).get()
                .satisfies(violation -> assertThat(violation.aggregate()).isEqualTo("account/acc-2"));
        assertThat(outcome.violations().first(ViolationKind.TRANSFER_LEGS)).get()
                .satisfies(violation -> assertThat(violation.aggregate()).isEqualTo("transfer/t-1"));
        assertThat(outcome.violations().first(ViolationKind.BALANCE_MISMATCH)).get()
                .satisfies(violation -> assertThat(violation.aggregate()).isEqualTo("account/acc-2"));
    }

    /** As the publisher spreads them: by aggregate id, each partition in position order. */
    static List<RecordedEvent> partitioned(List<EventEnvelope> envelopes, int partitions) {
        List<RecordedEvent> records = new ArrayList<>();
        long[] offsets = new long[partitions];
        for (EventEnvelope envelope : envelopes) {
            int partition = Math.floorMod(envelope.aggregateId().hashCode(), partitions);
            records.add(new RecordedEvent(envelope, partition, offsets[partition]++));
        }
        return records;
    }

    private static Outcome verify(List<RecordedEvent> records) {
        return new KafkaVerification(null, Optional.empty(), Progress.silent())
                .verify(records, "test", List.of(), new Violations());
    }
}
