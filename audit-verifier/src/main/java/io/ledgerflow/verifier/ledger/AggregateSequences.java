package io.ledgerflow.verifier.ledger;

import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every aggregate's events must carry the sequences 0, 1, 2, … with none missing and none twice. Only the last
 * event of each aggregate is kept, so memory grows with the number of aggregates, not of events.
 */
final class AggregateSequences {

    /** What to do with an event after its sequence was checked. */
    enum Verdict {
        /** Apply it: it is the next event of its aggregate (or the first one seen, or one after a gap). */
        APPLY,
        /** The aggregate's history before this event is not in the replay: start from what this event says. */
        ADOPT,
        /** Already applied or conflicting with what was: applying it again would count it twice. */
        SKIP
    }

    private record Last(long sequence, String eventId) {
    }

    private final Map<String, Last> last = new HashMap<>();
    private final boolean historyMayStartLate;
    private final Violations violations;

    /**
     * @param historyMayStartLate true for a partial export: an aggregate first seen after sequence 0 began before
     *                            the export did, which is no violation
     */
    AggregateSequences(boolean historyMayStartLate, Violations violations) {
        this.historyMayStartLate = historyMayStartLate;
        this.violations = violations;
    }

    Verdict check(ReplayedEvent event) {
        String aggregate = event.aggregate();
        Last previous = last.get(aggregate);
        long expected = previous == null ? 0 : previous.sequence() + 1;
        long sequence = event.sequence();
        if (previous != null && sequence < expected) {
            boolean same = sequence == previous.sequence() && Objects.equals(event.eventId(), previous.eventId());
            violations.report(same ? ViolationKind.DUPLICATE_EVENT : ViolationKind.CONFLICTING_EVENT,
                    event.position(), aggregate, same
                            ? "event " + event.eventId() + " (sequence " + sequence + ") appears again"
                            : "event " + event.eventId() + " claims sequence " + sequence + ", already taken (next is "
                            + expected + ")");
            return Verdict.SKIP;
        }
        last.put(aggregate, new Last(sequence, event.eventId()));
        if (sequence == expected) {
            return Verdict.APPLY;
        }
        if (previous == null && historyMayStartLate) {
            return Verdict.ADOPT;
        }
        violations.report(ViolationKind.SEQUENCE_GAP, event.position(), aggregate, "sequence " + sequence
                + " follows " + (previous == null ? "nothing" : String.valueOf(previous.sequence())) + ": "
                + (sequence - expected) + " event(s) missing before position " + event.position());
        return previous == null ? Verdict.ADOPT : Verdict.APPLY;
    }

    int aggregates() {
        return last.size();
    }
}
