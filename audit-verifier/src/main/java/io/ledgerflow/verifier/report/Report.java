package io.ledgerflow.verifier.report;

import io.ledgerflow.verifier.anchor.AnchorCheck.AnchorSummary;
import io.ledgerflow.verifier.ledger.LedgerReplay.LedgerSummary;
import io.ledgerflow.verifier.violation.Violation;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** The report an auditor reads on stdout: what was replayed, what was checked, and the first violation of each kind. */
public final class Report {

    private Report() {
    }

    public static void print(Outcome outcome, PrintStream out) {
        LedgerSummary ledger = outcome.ledger();
        out.println("Ledgerflow audit verifier");
        line(out, "source", outcome.source());
        line(out, "events read", outcome.eventsRead() + (outcome.redeliveriesSkipped() > 0
                ? " (" + outcome.redeliveriesSkipped() + " exact redeliveries skipped)" : "")
                + ", " + ledger.eventsApplied() + " applied");
        line(out, "accounts", ledger.accounts() + " (" + ledger.systemAccounts() + " settlement)");
        line(out, "transfers", ledger.transfers() + (ledger.transfersByStatus().isEmpty() ? "" : ": "
                + ledger.transfersByStatus().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "))));
        line(out, "Σ posted", totals(ledger.postedByCurrency()) + (ledger.balanceChecked()
                ? " (must be 0 per currency)" : " (not checked: the history does not start at the beginning)"));
        line(out, "hash chain", chain(outcome.chain()));
        line(out, "anchors", anchors(outcome.anchors()));
        if (!outcome.notes().isEmpty()) {
            out.println("notes:");
            outcome.notes().forEach(note -> out.println("  - " + note));
        }
        if (outcome.clean()) {
            line(out, "result", "OK: no violation");
            return;
        }
        line(out, "result", "FAILED: " + outcome.violations().total() + " violation(s)");
        out.println("first violation of each kind:");
        for (Violation violation : outcome.violations().firsts().values()) {
            out.println("  " + violation + " [" + outcome.violations().count(violation.kind()) + " in all]");
        }
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf("%-12s %s%n", label + ":", value);
    }

    private static String totals(Map<String, Long> posted) {
        return posted.isEmpty() ? "none" : posted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String chain(Outcome.ChainSummary chain) {
        if (chain == null) {
            return "not checked (the source carries no hashes)";
        }
        String range = chain.firstPosition() < 0 ? "" : ", positions " + chain.firstPosition() + ".."
                + chain.lastPosition();
        return chain.trustedStart() == null
                ? chain.linksChecked() + " links checked from GENESIS" + range
                : chain.linksChecked() + " links checked after position " + chain.trustedStart()
                + ", whose hash was trusted as the start" + range;
    }

    private static String anchors(AnchorSummary anchors) {
        if (anchors == null) {
            return "none given";
        }
        return anchors.anchors() + ": " + anchors.signaturesChecked() + " signatures checked, "
                + anchors.headsChecked() + " heads compared with the chain, " + anchors.outside() + " not compared";
    }
}
