package io.ledgerflow.command.model;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.model.LedgerCommand.Open;
import io.ledgerflow.command.model.LedgerView.Balance;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random runs of every ledger command (open, deposit, withdraw, transfer, hold with or without a timeout, post in full
 * or in part or too much, void, expiry, freeze, unfreeze, close, reopen, overdraft limits, batches, and retries of
 * used ids with the same or other fields, by operators and by clients; see {@link LedgerCommands}) go to the
 * production command handlers on real event-sourced aggregates ({@link AxonLedger}) and to an independent reference
 * model ({@link ReferenceLedger}). After every step, on what the aggregates hold: the posted balances of each
 * currency, settlement accounts included, sum to zero; no customer account's available is below zero (its overdraft
 * limit is part of available); every balance stays within ±(2^53−1); pending debits and credits match; each transfer
 * id has at most one terminal effect and posts each leg at most once. Then the answer, every account, every transfer
 * and the expiry schedule must equal the model's.
 * <p>
 * Each try runs the six openings and up to 100 commands; the jqwik statistics in the test output show what the runs
 * reached.
 */
class LedgerModelProperties {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final long MAX = LedgerCommands.MAX;

    record Run(List<Open> setup, List<LedgerCommand> commands) {
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<List<LedgerCommand>> commands = LedgerCommands.command().list().ofMaxSize(100)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(LedgerCommands.setup(), commands).as(Run::new);
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void the_aggregates_keep_the_ledger_rules_and_agree_with_the_model(@ForAll("runs") Run run) {
        try (AxonLedger ledger = new AxonLedger(START)) {
            ReferenceLedger model = new ReferenceLedger(START);
            ConcreteCommands runner = new ConcreteCommands();
            List<LedgerCommand> steps = new ArrayList<>(run.setup());
            steps.addAll(run.commands());
            for (int step = 0; step < steps.size(); step++) {
                LedgerCommand command = runner.concrete(steps.get(step));
                if (command == null) {
                    continue;
                }
                String expected = model.execute(command);
                String actual = ledger.execute(command);
                runner.answered(command, expected);
                Statistics.label("command → answer").collect(command.getClass().getSimpleName(), coarse(expected));
                String where = "step " + step + ": " + command;
                assertLedgerRules(ledger, where);
                assertThat(actual).as("answer at %s", where).isEqualTo(expected);
                LedgerView mine = ledger.view();
                LedgerView theirs = model.view();
                assertThat(mine.accounts()).as("accounts after %s", where).isEqualTo(theirs.accounts());
                assertThat(nonZero(mine.settlements())).as("settlement accounts after %s", where)
                        .isEqualTo(nonZero(theirs.settlements()));
                assertThat(mine.transfers()).as("transfers after %s", where).isEqualTo(theirs.transfers());
                assertThat(mine.expiries()).as("expiry schedule after %s", where).isEqualTo(theirs.expiries());
            }
            Statistics.label("steps per run").collect(steps.size() / 25 * 25 + "-" + (steps.size() / 25 * 25 + 24));
        }
    }

    /** An answer without its ids and indexes, for the statistics. */
    private static String coarse(String answer) {
        if (answer.startsWith("JOB")) {
            return answer.equals("JOB[]") ? "JOB nothing due" : "JOB expired some";
        }
        return answer.replaceAll(":\\d+:", ":");
    }

    /**
     * The invariants, on what the aggregates hold (not on the model). Plain checks: they run for every account and
     * every transfer id after every step, so a message is only built for a failure.
     */
    private static void assertLedgerRules(AxonLedger ledger, String where) {
        Map<String, BigInteger> posted = new HashMap<>();
        Map<String, BigInteger> reserved = new HashMap<>();
        for (AccountSnapshot account : ledger.accountSnapshots().values()) {
            long p = account.balances().posted();
            long debits = account.balances().pendingDebits();
            long credits = account.balances().pendingCredits();
            posted.merge(account.currency(), BigInteger.valueOf(p), BigInteger::add);
            reserved.merge(account.currency(), BigInteger.valueOf(debits).subtract(BigInteger.valueOf(credits)),
                    BigInteger::add);
            long bound = account.system() ? Money.SETTLEMENT_SHARD_MAX : MAX;
            check(Math.abs(p) <= bound && debits <= MAX && credits <= MAX, where, account,
                    "a balance outside its bounds (±(2^53-1) for a customer)");
            check(debits >= 0 && credits >= 0, where, account, "negative pending amounts");
            // available = posted − pendingDebits + overdraftLimit ≥ 0  ⇔  posted − pendingDebits ≥ −overdraftLimit
            check(account.system() || BigInteger.valueOf(p).subtract(BigInteger.valueOf(debits))
                    .add(BigInteger.valueOf(account.overdraftLimit())).signum() >= 0, where, account,
                    "available below zero: below its overdraft limit");
        }
        posted.forEach((currency, sum) -> check(sum.signum() == 0, where, currency, "Σ posted = " + sum));
        reserved.forEach((currency, sum) -> check(sum.signum() == 0, where, currency,
                "Σ pendingDebits − Σ pendingCredits = " + sum));
        ledger.effects().forEach((id, effects) -> check(effects.terminal() <= 1 && effects.debits() <= 1
                && effects.credits() <= 1, where, "transfer " + id, "more than one effect: " + effects));
    }

    private static void check(boolean holds, String where, Object subject, String violation) {
        if (!holds) {
            throw new AssertionError(violation + " (" + subject + ") after " + where);
        }
    }

    private static Map<String, Balance> nonZero(Map<String, Balance> settlements) {
        Map<String, Balance> kept = new HashMap<>(settlements);
        kept.values().removeIf(Balance.ZERO::equals);
        return kept;
    }
}
