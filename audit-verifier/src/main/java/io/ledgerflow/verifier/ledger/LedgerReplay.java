package io.ledgerflow.verifier.ledger;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.verifier.violation.ViolationKind;
import io.ledgerflow.verifier.violation.Violations;

import java.util.Map;
import java.util.Optional;

/**
 * The checks every source gets, fed one event at a time in global order: sequences per aggregate, balances per
 * account, legs per transfer, and Σ posted per currency.
 * <p>
 * Σ posted (from the balances the events carry) of a currency must be 0 whenever a transaction unit of that currency
 * has just become complete (its transfer event and all its legs applied) and no other unit of that currency is
 * partly applied, and at the end of the replay. In between, a unit whose debit is applied and whose credit is not
 * yet may legitimately leave the sum off by its amount.
 */
public final class LedgerReplay {

    private final boolean historyMayStartLate;
    private final Violations violations;
    private final AggregateSequences sequences;
    private final AccountBook accounts;
    private final TransferUnits transfers;
    private long applied;
    private long lastPosition = -1;

    /**
     * @param historyMayStartLate true when the replay may begin after the start of history (a partial export): then
     *                            aggregates first seen mid-sequence start from what they carry, and Σ posted is not
     *                            checked (the accounts it would need may not appear at all)
     */
    public LedgerReplay(boolean historyMayStartLate, Violations violations) {
        this.historyMayStartLate = historyMayStartLate;
        this.violations = violations;
        this.sequences = new AggregateSequences(historyMayStartLate, violations);
        this.accounts = new AccountBook(violations);
        this.transfers = new TransferUnits(accounts, historyMayStartLate, violations);
    }

    public void accept(ReplayedEvent replayed) {
        lastPosition = Math.max(lastPosition, replayed.position());
        AggregateSequences.Verdict verdict = sequences.check(replayed);
        if (verdict == AggregateSequences.Verdict.SKIP || replayed.event() == null) {
            return;
        }
        Optional<String> missing = RequiredFields.missing(replayed.event());
        if (missing.isPresent()) {
            violations.report(ViolationKind.UNREADABLE_EVENT, replayed.position(), replayed.aggregate(),
                    replayed.event().getClass().getSimpleName() + " without " + missing.get());
            return;
        }
        applied++;
        Optional<String> completed = Optional.empty();
        if (replayed.event() instanceof AccountEvent event) {
            accounts.apply(replayed, event, verdict == AggregateSequences.Verdict.ADOPT);
            String transferId = TransferUnits.transferIdOf(event);
            if (transferId != null) {
                completed = transfers.leg(replayed, event, transferId);
            }
        } else if (replayed.event() instanceof TransferEvent event) {
            completed = transfers.transfer(replayed, event);
        }
        completed.ifPresent(currency -> checkBalanced(currency, replayed));
    }

    /** Judges what only the end can tell: transfers still lacking events, and the final Σ posted per currency. */
    public void finish() {
        transfers.finish();
        if (historyMayStartLate) {
            return;
        }
        accounts.postedByCurrency().forEach((currency, total) -> {
            if (total != 0) {
                violations.report(ViolationKind.LEDGER_IMBALANCE, lastPosition, "currency/" + currency,
                        "Σ posted " + currency + " is " + total + " at the end of the replay");
            }
        });
    }

    public LedgerSummary summary() {
        return new LedgerSummary(applied, accounts.count(), accounts.systemCount(), transfers.countByStatus(),
                accounts.postedByCurrency(), !historyMayStartLate);
    }

    private void checkBalanced(String currency, ReplayedEvent completing) {
        if (historyMayStartLate || AccountBook.UNKNOWN_CURRENCY.equals(currency) || transfers.hasOpenUnits(currency)) {
            return;
        }
        long total = accounts.postedTotal(currency);
        if (total != 0) {
            violations.report(ViolationKind.LEDGER_IMBALANCE, completing.position(), completing.aggregate(),
                    "Σ posted " + currency + " is " + total + " once this transaction is complete");
        }
    }

    /**
     * @param eventsApplied    events applied to the ledger (duplicates and conflicting events are not)
     * @param postedByCurrency Σ posted per currency from the balances the events carry
     * @param balanceChecked   whether Σ posted = 0 was checked (not for a partial history)
     */
    public record LedgerSummary(long eventsApplied, int accounts, long systemAccounts,
                                Map<TransferStatus, Long> transfersByStatus, Map<String, Long> postedByCurrency,
                                boolean balanceChecked) {

        public long transfers() {
            return transfersByStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
