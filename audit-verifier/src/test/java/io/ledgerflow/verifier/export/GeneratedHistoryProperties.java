package io.ledgerflow.verifier.export;

import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.support.Exports;
import io.ledgerflow.verifier.support.HistoryScript;
import io.ledgerflow.verifier.support.LedgerHistory;
import io.ledgerflow.verifier.violation.ViolationKind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated histories of every operation: each verifies clean, and any one altered amount is found where it is. */
class GeneratedHistoryProperties {

    @Property(tries = 60)
    void everyGeneratedHistoryVerifiesClean(@ForAll("histories") LedgerHistory history) throws IOException {
        List<AuditedEvent> export = Exports.export(history);

        Outcome outcome = verify(export);

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.ledger().eventsApplied()).isEqualTo(export.size());
        assertThat(outcome.ledger().postedByCurrency().values()).containsOnly(0L);
    }

    @Property(tries = 60)
    void anyAlteredAmountIsABalanceMismatchAtItsPosition(@ForAll("histories") LedgerHistory history,
                                                        @ForAll @IntRange(min = 0, max = 100_000) int pick)
            throws IOException {
        List<AuditedEvent> export = Exports.export(history);
        List<Integer> legs = new ArrayList<>();
        for (int index = 0; index < export.size(); index++) {
            if (export.get(index).payload().has("amount") && export.get(index).aggregateType().equals("account")) {
                legs.add(index);
            }
        }
        int altered = legs.get(pick % legs.size());
        List<AuditedEvent> tampered = new ArrayList<>(export);
        AuditedEvent line = export.get(altered);
        tampered.set(altered, Exports.withPayload(line,
                payload -> payload.put("amount", payload.get("amount").asLong() + 1)));

        Outcome outcome = verify(Exports.rehash(tampered));

        assertThat(outcome.violations().first(ViolationKind.BALANCE_MISMATCH)).get()
                .satisfies(violation -> assertThat(violation.position()).isEqualTo(line.position()));
        assertThat(outcome.violations().first(ViolationKind.TRANSFER_LEGS)).isPresent();
    }

    @Provide
    Arbitrary<LedgerHistory> histories() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMaxSize(80).map(HistoryScript::run);
    }

    private static Outcome verify(List<AuditedEvent> export) throws IOException {
        return new ExportVerification(Optional.empty(), false, Progress.silent()).verify(Exports.reader(export), "gen");
    }
}
