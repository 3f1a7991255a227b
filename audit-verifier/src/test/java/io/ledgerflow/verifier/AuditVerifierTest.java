package io.ledgerflow.verifier;

import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.verifier.support.AnchorFiles;
import io.ledgerflow.verifier.support.Exports;
import io.ledgerflow.verifier.support.LedgerHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line in process: arguments, report, exit codes. */
class AuditVerifierTest {

    private final LedgerHistory history = LedgerHistory.everyKind();
    private final List<AuditedEvent> export = Exports.export(history);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

    @Test
    void aCleanExportExitsZeroWithItsReportOnStdout() throws IOException {
        int exit = run("--export", write(export).toString());

        assertThat(exit).as(stderr()).isEqualTo(AuditVerifier.CLEAN);
        assertThat(stdout()).contains("result:      OK: no violation")
                .contains("events read: " + export.size())
                .contains("accounts:    5 (2 settlement)")
                .contains("Σ posted:    EUR 0, USD 0 (must be 0 per currency)")
                .contains(export.size() + " links checked from GENESIS");
    }

    @Test
    void aViolationExitsOneAndNamesTheFirstOfEachKindWithItsPosition() throws IOException {
        int debit = history.indexOf(e -> e instanceof AccountDebited d && d.transferId().equals("t-6"));
        List<AuditedEvent> altered = new ArrayList<>(export);
        altered.set(debit, Exports.withPayload(export.get(debit), payload -> payload.put("amount", 1)));

        int exit = run("--export", write(altered).toString());

        assertThat(exit).isEqualTo(AuditVerifier.VIOLATIONS);
        assertThat(stdout()).contains("result:      FAILED")
                .contains("BROKEN_LINK at position " + export.get(debit).position() + ", account/acc-2")
                .contains("BALANCE_MISMATCH at position " + export.get(debit).position() + ", account/acc-2");
    }

    @Test
    void theExportCanComeFromStdin() {
        int exit = run(new ByteArrayInputStream(Exports.ndjson(export).getBytes(StandardCharsets.UTF_8)),
                "--export", "-");

        assertThat(exit).as(stderr()).isEqualTo(AuditVerifier.CLEAN);
        assertThat(stdout()).contains("source:      export (stdin)");
    }

    @Test
    void anchorsAndTheAuditorsKeyAreChecked() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent last = export.get(export.size() - 1);
        Path anchors = AnchorFiles.write(directory, key, List.of(AnchorFiles.sign(key, last.position(), last.hash())));

        int exit = run("--export", write(export).toString(), "--anchors", anchors.toString(), "--public-key",
                AnchorFiles.writePublicKey(directory, key).toString());

        assertThat(exit).as(stderr()).isEqualTo(AuditVerifier.CLEAN);
        assertThat(stdout()).contains("anchors:     1: 1 signatures checked, 1 heads compared with the chain")
                .contains("supplied by the auditor");
    }

    @Test
    void anAnchorsFileSignedByAnotherKeyThanTheAuditorsFails() throws IOException {
        KeyPair key = AnchorFiles.newKey();
        AuditedEvent last = export.get(export.size() - 1);
        Path anchors = AnchorFiles.write(directory, key, List.of(AnchorFiles.sign(key, last.position(), last.hash())));

        int exit = run("--export", write(export).toString(), "--anchors", anchors.toString(), "--public-key",
                AnchorFiles.writePublicKey(directory, AnchorFiles.newKey()).toString());

        assertThat(exit).isEqualTo(AuditVerifier.VIOLATIONS);
        assertThat(stdout()).contains("ANCHOR_SIGNATURE at position " + last.position());
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).as("no source").isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(run("--export", "a.ndjson", "--kafka", "localhost:9092")).as("two sources")
                .isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(run("--export", "a.ndjson", "--bogus")).isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(run("--export", "-", "--public-key", "key.pem")).as("a key without anchors")
                .isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(stderr()).contains("--public-key needs --anchors");
    }

    @Test
    void unreadableFilesExitTwo() throws IOException {
        assertThat(run("--export", directory.resolve("missing.ndjson").toString())).isEqualTo(AuditVerifier.UNUSABLE);
        Path notAnchors = Files.writeString(directory.resolve("anchors.json"), "[1, 2]");
        assertThat(run("--export", write(export).toString(), "--anchors", notAnchors.toString()))
                .isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(stderr()).contains("missing.ndjson").contains("is not the JSON of GET /audit/chain/anchors");
    }

    @Test
    void anUnreachableBrokerExitsTwo() {
        int exit = run("--kafka", "127.0.0.1:1", "--kafka-timeout", "PT2S");

        assertThat(exit).isEqualTo(AuditVerifier.UNUSABLE);
        assertThat(stderr()).contains("cannot read kafka 127.0.0.1:1");
    }

    @Test
    void helpExitsZeroAndListsTheOptions() {
        int exit = run("--help");

        assertThat(exit).isEqualTo(0);
        assertThat(stdout()).contains("--kafka").contains("--export").contains("--anchors").contains("--public-key")
                .contains("Exit codes:");
    }

    private Path write(List<AuditedEvent> lines) throws IOException {
        return Files.writeString(Files.createTempFile(directory, "export-", ".ndjson"), Exports.ndjson(lines));
    }

    private int run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private int run(InputStream stdin, String... args) {
        return AuditVerifier.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
