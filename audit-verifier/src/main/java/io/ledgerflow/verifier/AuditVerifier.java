package io.ledgerflow.verifier;

import io.ledgerflow.events.envelope.LedgerTopic;
import io.ledgerflow.verifier.anchor.AnchorCheck;
import io.ledgerflow.verifier.export.ExportVerification;
import io.ledgerflow.verifier.kafka.KafkaVerification;
import io.ledgerflow.verifier.kafka.TopicReader;
import io.ledgerflow.verifier.kafka.TopicUnavailableException;
import io.ledgerflow.verifier.report.Outcome;
import io.ledgerflow.verifier.report.Progress;
import io.ledgerflow.verifier.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The auditor's command line: replay, check, report; exit 0 when clean, 1 on any violation, 2 on usage or I/O errors. */
@Command(name = "audit-verifier", mixinStandardHelpOptions = true, version = "Ledgerflow audit verifier 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Replays Ledgerflow's event history offline, from the Kafka topic or from an NDJSON export of "
                        + "GET /api/v1/audit/events, and checks it: balances re-derived per account, Σ posted = 0 "
                        + "per currency, every transfer with exactly its legs, no event missing or duplicated, and "
                        + "for an export the hash chain and the signed anchors.",
                "Prints a report on stdout and progress on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no violation", "1:at least one violation (the report shows the first of each kind)",
                "2:usage error, or a file or the topic cannot be read"})
public final class AuditVerifier implements Callable<Integer> {

    public static final int CLEAN = 0;
    public static final int VIOLATIONS = 1;
    public static final int UNUSABLE = 2;

    static final class Source {
        @Option(names = "--kafka", paramLabel = "<bootstrap servers>",
                description = "replay the topic from offset zero to its end offsets as of the start")
        String kafka;

        @Option(names = "--export", paramLabel = "<file|->",
                description = "replay an NDJSON export of GET /audit/events ('-' reads stdin)")
        String export;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--topic", defaultValue = LedgerTopic.NAME, description = "the ledger topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--kafka-property", paramLabel = "<name=value>",
            description = "an extra Kafka consumer property (e.g. security.protocol=SSL), repeatable")
    Map<String, String> kafkaProperties = Map.of();

    @Option(names = "--kafka-timeout", defaultValue = "PT30S", paramLabel = "<ISO duration>",
            description = "how long the broker may stay silent (default: ${DEFAULT-VALUE})")
    Duration kafkaTimeout;

    @Option(names = "--anchors", paramLabel = "<file>",
            description = "the saved JSON of GET /audit/chain/anchors")
    Path anchors;

    @Option(names = "--public-key", paramLabel = "<pem file>",
            description = "your own trusted copy of the anchor public key (else the anchors file's key is used, and the report says so)")
    Path publicKey;

    @Option(names = "--complete",
            description = "the export starts at the beginning of history: its first line must link from GENESIS")
    boolean complete;

    @Option(names = "--progress-every", defaultValue = "PT5S", paramLabel = "<ISO duration>",
            description = "how often progress is shown on stderr (default: ${DEFAULT-VALUE})")
    Duration progressEvery;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    AuditVerifier(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The whole command line, in process: what {@code java -jar audit-verifier.jar} runs. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new AuditVerifier(stdin, out, err))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExitCodeExceptionMapper(exception -> UNUSABLE);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        if (publicKey != null && anchors == null) {
            err.println("audit-verifier: --public-key needs --anchors");
            return UNUSABLE;
        }
        try {
            Optional<AnchorCheck> anchorCheck = anchors == null ? Optional.empty()
                    : Optional.of(AnchorCheck.load(anchors, Optional.ofNullable(publicKey)));
            Progress progress = new Progress(err, progressEvery);
            Outcome outcome = source.kafka != null ? verifyTopic(anchorCheck, progress)
                    : verifyExport(anchorCheck, progress);
            Report.print(outcome, out);
            out.flush();
            return outcome.clean() ? CLEAN : VIOLATIONS;
        } catch (IOException | UncheckedIOException | TopicUnavailableException | IllegalArgumentException e) {
            err.println("audit-verifier: " + e.getMessage());
            return UNUSABLE;
        }
    }

    private Outcome verifyTopic(Optional<AnchorCheck> anchorCheck, Progress progress) throws TopicUnavailableException {
        TopicReader reader = new TopicReader(source.kafka, topic, kafkaProperties, kafkaTimeout, progress);
        return new KafkaVerification(reader, anchorCheck, progress).verify();
    }

    private Outcome verifyExport(Optional<AnchorCheck> anchorCheck, Progress progress) throws IOException {
        ExportVerification verification = new ExportVerification(anchorCheck, complete, progress);
        if (source.export.equals("-")) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            return verification.verify(lines, "(stdin)");
        }
        Path file = Path.of(source.export);
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return verification.verify(lines, file.toString());
        }
    }
}
