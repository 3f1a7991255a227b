package io.ledgerflow.verifier.export;

import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.ChainAnchor;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.verifier.anchor.AnchorCheck;
import io.ledgerflow.verifier.ledger.TransferStatus;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.support.AnchorFiles;
import io.ledgerflow.verifier.support.Exports;
import io.ledgerflow.verifier.support.LedgerHistory;
import io.ledgerflow.verifier.violation.Violation;
import io.ledgerflow.verifier.violation.ViolationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExportVerificationTest {

    private final LedgerHistory history = LedgerHistory.everyKind();
    private final List<AuditedEvent> export = Exports.export(history);

    @TempDir
    Path directory;

    @Test
    void aCleanHistoryPasses() throws IOException {
        Outcome outcome = verify(export);

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.eventsRead()).isEqualTo(export.size());
        assertThat(outcome.chain().linksChecked()).isEqualTo(export.size());
        assertThat(outcome.chain().trustedStart()).isNull();
        assertThat(outcome.ledger().accounts()).isEqualTo(5);
        assertThat(outcome.ledger().systemAccounts()).isEqualTo(2);
        assertThat(outcome.ledger().transfersByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(
                TransferStatus.POSTED, 6L, TransferStatus.REJECTED, 1L, TransferStatus.VOIDED, 1L,
                TransferStatus.EXPIRED, 1L));
        assertThat(outcome.ledger().postedByCurrency()).containsExactlyInAnyOrderEntriesOf(Map.of("USD", 0L, "EUR", 0L));
        assertThat(outcome.ledger().balanceChecked()).isTrue();
    }

    @Test
    void anAlteredAmountIsABalanceMismatchAtItsPositionEvenWithTheChainRewritten() throws IOException {
        int debit = history.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("t-1"));
        List<AuditedEvent> altered = new ArrayList<>(export);
        altered.set(debit, Exports.withPayload(export.get(debit), payload -> payload.put("amount", 2_600)));

        Outcome outcome = verify(Exports.rehash(altered));

        assertFirst(outcome, ViolationKind.BALANCE_MISMATCH, export.get(debit).position(), "account/acc-1");
        assertFirst(outcome, ViolationKind.TRANSFER_LEGS, positionOf(e -> e instanceof TransferPosted t
                && t.transferId().equals("t-1")), "transfer/t-1");
        assertThat(outcome.violations().count(ViolationKind.BROKEN_LINK)).isZero();
    }

    @Test
    void anAlteredPayloadBreaksTheChainAtItsPosition() throws IOException {
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-6"));
        List<AuditedEvent> altered = new ArrayList<>(export);
        altered.set(credit, Exports.withPayload(export.get(credit), payload -> payload.put("reference", "x")));

        Outcome outcome = verify(altered);

        assertFirst(outcome, ViolationKind.BROKEN_LINK, export.get(credit).position(), "account/acc-1");
        assertThat(outcome.violations().count(ViolationKind.BROKEN_LINK)).as("one altered event, one broken link")
                .isEqualTo(1);
    }

    @Test
    void aDroppedEventIsASequenceGapAndABrokenLink() throws IOException {
        int credit = history.indexOf(e -> e instanceof AccountCredited c && c.transferId().equals("t-1"));
        List<AuditedEvent> dropped = new ArrayList<>(export);
        AuditedEvent removed = dropped.remove(credit);
        AuditedEvent nextOfAccount = dropped.stream().filter(line -> line.position() > removed.position()
                && line.aggregateId().equals(removed.aggregateId())).findFirst().orElseThrow();

        Outcome outcome = verify(dropped);

        assertFirst(outcome, ViolationKind.SEQUENCE_GAP, nextOfAccount.position(), "account/acc-2");
        assertFirst(outcome, ViolationKind.BROKEN_LINK, dropped.get(credit).position(),
                dropped.get(credit).aggregateType() + "/" + dropped.get(credit).aggregateId());
        assertThat(outcome.violations().first(ViolationKind.TRANSFER_LEGS)).isPresent();
    }

    @Test
    void aDuplicatedLineIsADuplicateEventAndIsNotAppliedTwice() throws IOException {
        int debit = history.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("t-6"));
        List<AuditedEvent> duplicated = new ArrayList<>(export);
        duplicated.add(debit + 1, export.get(debit));

        Outcome outcome = verify(duplicated);

        assertFirst(outcome, ViolationKind.DUPLICATE_EVENT, export.get(debit).position(), "account/acc-2");
        assertThat(outcome.violations().count(ViolationKind.BALANCE_MISMATCH)).isZero();
        assertThat(outcome.violations().count(ViolationKind.LEDGER_IMBALANCE)).isZero();
    }

    @Test
    void swappedLinesAreOutOfOrder() throws IOException {
        int transfer = history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-1"));
        List<AuditedEvent> swapped = new ArrayList<>(export);
        swapped.set(transfer, export.get(transfer + 1));
        swapped.set(transfer + 1, export.get(transfer));

        Outcome outcome = verify(swapped);

        assertFirst(outcome, ViolationKind.POSITION_ORDER, export.get(transfer).position(), "transfer/t-1");
        assertFirst(outcome, ViolationKind.BROKEN_LINK, export.get(transfer + 1).position(),
                export.get(transfer + 1).aggregateType() + "/" + export.get(transfer + 1).aggregateId());
    }

    @Test
    void anExportStartingLaterTrustsItsFirstHashAndSaysSo() throws IOException {
        int from = history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-1")) + 1;
        List<AuditedEvent> partial = export.subList(from, export.size());

        Outcome outcome = verify(partial);

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.chain().trustedStart()).isEqualTo(partial.get(0).position());
        assertThat(outcome.chain().linksChecked()).isEqualTo(partial.size() - 1);
        assertThat(outcome.ledger().balanceChecked()).isFalse();
        assertThat(outcome.notes()).anySatisfy(note -> assertThat(note).contains("trusted as the start"));
    }

    @Test
    void anExportDeclaredCompleteMustLinkFromGenesis() throws IOException {
        List<AuditedEvent> partial = export.subList(3, export.size());

        Outcome outcome = new ExportVerification(Optional.empty(), true, Progress.silent())
                .verify(Exports.reader(partial), "test");

        assertFirst(outcome, ViolationKind.BROKEN_LINK, partial.get(0).position(),
                partial.get(0).aggregateType() + "/" + partial.get(0).aggregateId());
    }

    @Test
    void anchorsSignedByTheKeyOverTheRecomputedHeadsPass() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent middle = export.get(export.size() / 2);
        AuditedEvent last = export.get(export.size() - 1);
        Path anchors = AnchorFiles.write(directory, key, List.of(AnchorFiles.sign(key, middle.position(), middle.hash()),
                AnchorFiles.sign(key, last.position(), last.hash()),
                AnchorFiles.sign(key, last.position() + 50, "ab".repeat(32))));

        Outcome outcome = verify(export, AnchorCheck.load(anchors, Optional.of(AnchorFiles.writePublicKey(directory, key))));

        assertThat(outcome.violations().firsts()).isEmpty();
        assertThat(outcome.anchors().signaturesChecked()).isEqualTo(3);
        assertThat(outcome.anchors().headsChecked()).isEqualTo(2);
        assertThat(outcome.anchors().outside()).isEqualTo(1);
        assertThat(outcome.notes()).anySatisfy(note -> assertThat(note).contains("supplied by the auditor"));
    }

    @Test
    void aForgedAnchorIsReportedAtItsPosition() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        KeyPair forger = AnchorFiles.newKey();
        AuditedEvent anchored = export.get(10);
        ChainAnchor genuine = AnchorFiles.sign(key, anchored.position(), anchored.hash());
        ChainAnchor forged = AnchorFiles.sign(forger, export.get(20).position(), export.get(20).hash());
        Path anchors = AnchorFiles.write(directory, key, List.of(genuine, forged));

        Outcome outcome = verify(export, AnchorCheck.load(anchors, Optional.of(AnchorFiles.writePublicKey(directory, key))));

        assertFirst(outcome, ViolationKind.ANCHOR_SIGNATURE, export.get(20).position(), "anchor");
        assertThat(outcome.violations().count(ViolationKind.ANCHOR_SIGNATURE)).isEqualTo(1);
        assertThat(outcome.violations().count(ViolationKind.ANCHOR_HEAD)).isZero();
    }

    @Test
    void anAnchorWhoseSignedContentWasChangedIsForged() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent anchored = export.get(10);
        ChainAnchor signed = AnchorFiles.sign(key, anchored.position(), export.get(9).hash());
        ChainAnchor edited = new ChainAnchor(signed.position(), anchored.hash(), signed.signedAt(), signed.keyId(),
                signed.signature());

        Outcome outcome = verify(export, AnchorCheck.load(AnchorFiles.write(directory, key, List.of(edited)),
                Optional.empty()));

        assertFirst(outcome, ViolationKind.ANCHOR_SIGNATURE, anchored.position(), "anchor");
        assertThat(outcome.notes()).anySatisfy(note -> assertThat(note).contains("NOT independently supplied"));
    }

    @Test
    void anAnchorOverADifferentHeadIsReportedAtItsPosition() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent anchored = export.get(12);
        Path anchors = AnchorFiles.write(directory, key, List.of(
                AnchorFiles.sign(key, anchored.position(), export.get(11).hash())));

        Outcome outcome = verify(export, AnchorCheck.load(anchors, Optional.empty()));

        assertFirst(outcome, ViolationKind.ANCHOR_HEAD, anchored.position(), "anchor");
        assertThat(outcome.violations().count(ViolationKind.ANCHOR_SIGNATURE)).isZero();
    }

    @Test
    void aRewrittenChainDoesNotMatchAnEarlierAnchor() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent anchored = export.get(export.size() - 1);
        Path anchors = AnchorFiles.write(directory, key, List.of(AnchorFiles.sign(key, anchored.position(),
                anchored.hash())));
        List<AuditedEvent> altered = new ArrayList<>(export);
        altered.set(5, Exports.withPayload(export.get(5), payload -> payload.put("note", "rewritten")));

        Outcome outcome = verify(Exports.rehash(altered), AnchorCheck.load(anchors, Optional.empty()));

        assertThat(outcome.violations().count(ViolationKind.BROKEN_LINK)).isZero();
        assertFirst(outcome, ViolationKind.ANCHOR_HEAD, anchored.position(), "anchor");
    }

    @Test
    void aLineThatIsNotAnEventIsUnreadable() throws IOException {
        String text = Exports.ndjson(export.subList(0, 3)) + "{not json\n" + "{\"position\": 9}\n"
                + "{\"position\":9,\"eventId\":null,\"type\":null,\"revision\":null,\"aggregateType\":null,"
                + "\"aggregateId\":null,\"sequence\":0,\"timestamp\":null,\"principal\":null,\"clientId\":null,"
                + "\"correlationId\":null,\"causationId\":null,\"payload\":null,\"metadata\":null,\"hash\":null}\n"
                + Exports.ndjson(export.subList(3, 4));

        Outcome outcome = new ExportVerification(Optional.empty(), false, Progress.silent())
                .verify(new java.io.BufferedReader(new java.io.StringReader(text)), "test");

        assertThat(outcome.violations().first(ViolationKind.UNREADABLE_EVENT)).get()
                .extracting(Violation::aggregate).isEqualTo("line 4");
        assertThat(outcome.violations().count(ViolationKind.UNREADABLE_EVENT)).isEqualTo(3);
        assertThat(outcome.eventsRead()).isEqualTo(4);
    }

    @Test
    void aPayloadLackingWhatTheChecksReadIsUnreadableNotACrash() throws IOException {
        int debit = history.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("t-1"));
        int transfer = history.indexOf(e -> e instanceof TransferPosted t && t.transferId().equals("t-6"));
        List<AuditedEvent> altered = new ArrayList<>(export);
        altered.set(debit, Exports.withPayload(export.get(debit), payload -> payload.remove("balances")));
        altered.set(transfer, Exports.withPayload(export.get(transfer), payload -> payload.remove("terms")));

        Outcome outcome = verify(Exports.rehash(altered));

        assertFirst(outcome, ViolationKind.UNREADABLE_EVENT, export.get(debit).position(), "account/acc-1");
        assertThat(outcome.violations().count(ViolationKind.UNREADABLE_EVENT)).isEqualTo(2);
    }

    private long positionOf(java.util.function.Predicate<io.ledgerflow.events.LedgerEvent> which) {
        return export.get(history.indexOf(which)).position();
    }

    private static Outcome verify(List<AuditedEvent> lines) throws IOException {
        return new ExportVerification(Optional.empty(), false, Progress.silent()).verify(Exports.reader(lines), "test");
    }

    private static Outcome verify(List<AuditedEvent> lines, AnchorCheck anchors) throws IOException {
        return new ExportVerification(Optional.of(anchors), false, Progress.silent())
                .verify(Exports.reader(lines), "test");
    }

    static void assertFirst(Outcome outcome, ViolationKind kind, long position, String aggregate) {
        assertThat(outcome.violations().first(kind)).as("first %s in %s", kind, outcome.violations().firsts())
                .get().satisfies(violation -> {
                    assertThat(violation.position()).isEqualTo(position);
                    assertThat(violation.aggregate()).isEqualTo(aggregate);
                });
    }
}
