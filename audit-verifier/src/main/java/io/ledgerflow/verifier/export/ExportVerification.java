package io.ledgerflow.verifier.export;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.verifier.anchor.AnchorCheck;
import io.ledgerflow.verifier.ledger.LedgerReplay;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an NDJSON export of {@code GET /audit/events} (one {@link AuditedEvent} per line, in global order),
 * streaming: memory grows with the number of accounts and transfers, not with the number of lines.
 * Positions must increase line by line; the hash chain must link; then the ledger checks run on each event.
 */
public final class ExportVerification {

    /** The export is written by a plain ObjectMapper; fields added later must not make old verifiers fail. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Optional<AnchorCheck> anchors;
    private final boolean mustStartAtGenesis;
    private final Progress progress;

    /** @param mustStartAtGenesis the export is declared complete: a first line not linked from GENESIS is broken */
    public ExportVerification(Optional<AnchorCheck> anchors, boolean mustStartAtGenesis, Progress progress) {
        this.anchors = anchors;
        this.mustStartAtGenesis = mustStartAtGenesis;
        this.progress = progress;
    }

    public Outcome verify(BufferedReader lines, String sourceName) throws IOException {
        Violations violations = new Violations();
        anchors.ifPresent(check -> check.checkSignatures(violations));
        ChainCheck chain = new ChainCheck(anchors.map(AnchorCheck::positions).orElse(Set.of()), mustStartAtGenesis,
                violations);
        EventDecoding decoding = new EventDecoding(violations);
        LedgerReplay ledger = null;
        AuditedEvent previous = null;
        long first = -1;
        long read = 0;
        long lineNumber = 0;
        String text;
        while ((text = lines.readLine()) != null) {
            lineNumber++;
            if (text.isBlank()) {
                continue;
            }
            Optional<AuditedEvent> parsed = parse(text, lineNumber, violations);
            if (parsed.isEmpty()) {
                continue;
            }
            AuditedEvent line = parsed.get();
            read++;
            chain.accept(line);
            if (ledger == null) {
                first = line.position();
                ledger = new LedgerReplay(chain.trustedStart() != null, violations);
            }
            if (inOrder(previous, line, violations)) {
                ledger.accept(decoding.decode(line));
            }
            if (previous == null || line.position() > previous.position()) {
                previous = line;
            }
            long count = read;
            long position = line.position();
            progress.tick(() -> "checked " + count + " events, position " + position);
        }
        if (ledger == null) {
            ledger = new LedgerReplay(false, violations);
        }
        ledger.finish();
        long last = previous == null ? -1 : previous.position();
        long firstPosition = first;
        anchors.ifPresent(check -> check.checkHeads(firstPosition, last, chain.recomputedAt(), violations));
        List<String> notes = new ArrayList<>();
        if (read == 0) {
            notes.add("the export holds no events");
        }
        if (chain.trustedStart() != null) {
            notes.add("the first line (position " + chain.trustedStart() + ") does not link from GENESIS: the export "
                    + "is taken to start after the beginning of history, its first hash is trusted as the start, and "
                    + "accounts first seen mid-history start from the balances they carry (Σ posted not checked); "
                    + "give --complete if this export should start at the beginning");
        }
        anchors.ifPresent(check -> notes.addAll(check.notes()));
        return new Outcome("export " + sourceName, notes, read, 0, ledger.summary(),
                new Outcome.ChainSummary(chain.linksChecked(), chain.trustedStart(), first, last),
                anchors.map(AnchorCheck::summary).orElse(null), violations);
    }

    /**
     * Positions increase strictly, line by line. A line at the position of the one before is that event again, or a
     * different event claiming its position: either way it is not applied again.
     *
     * @return whether the line's event is applied to the ledger
     */
    private static boolean inOrder(AuditedEvent previous, AuditedEvent line, Violations violations) {
        if (previous == null || line.position() > previous.position()) {
            return true;
        }
        String aggregate = line.aggregateType() + "/" + line.aggregateId();
        if (line.position() == previous.position()) {
            boolean same = Objects.equals(line.eventId(), previous.eventId());
            violations.report(same ? ViolationKind.DUPLICATE_EVENT : ViolationKind.CONFLICTING_EVENT,
                    line.position(), aggregate, same ? "event " + line.eventId() + " appears twice"
                            : "event " + line.eventId() + " claims the position of " + previous.eventId());
            return false;
        }
        violations.report(ViolationKind.POSITION_ORDER, line.position(), aggregate,
                "position " + line.position() + " comes after " + previous.position());
        return true;
    }

    private static Optional<AuditedEvent> parse(String text, long lineNumber, Violations violations) {
        AuditedEvent line;
        try {
            line = JSON.readValue(text, AuditedEvent.class);
        } catch (JacksonException e) {
            violations.report(ViolationKind.UNREADABLE_EVENT, -1, "line " + lineNumber,
                    "not an audited event: " + e.getOriginalMessage());
            return Optional.empty();
        }
        if (line == null || line.eventId() == null || line.type() == null || line.aggregateType() == null
                || line.aggregateId() == null) {
            violations.report(ViolationKind.UNREADABLE_EVENT, line == null ? -1 : line.position(), "line " + lineNumber,
                    "an audited event needs eventId, type, aggregateType and aggregateId");
            return Optional.empty();
        }
        return Optional.of(line);
    }
}
