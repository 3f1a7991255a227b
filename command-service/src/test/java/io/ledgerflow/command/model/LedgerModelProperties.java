package io.ledgerflow.command.model;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.model.LedgerCommand.Act;
import io.ledgerflow.command.model.LedgerCommand.Action;
import io.ledgerflow.command.model.LedgerCommand.Batch;
import io.ledgerflow.command.model.LedgerCommand.Change;
import io.ledgerflow.command.model.LedgerCommand.Deposit;
import io.ledgerflow.command.model.LedgerCommand.Expire;
import io.ledgerflow.command.model.LedgerCommand.Item;
import io.ledgerflow.command.model.LedgerCommand.Move;
import io.ledgerflow.command.model.LedgerCommand.Open;
import io.ledgerflow.command.model.LedgerCommand.Post;
import io.ledgerflow.command.model.LedgerCommand.Retry;
import io.ledgerflow.command.model.LedgerCommand.SetOverdraft;
import io.ledgerflow.command.model.LedgerCommand.Tick;
import io.ledgerflow.command.model.LedgerCommand.VoidPending;
import io.ledgerflow.command.model.LedgerCommand.Who;
import io.ledgerflow.command.model.LedgerCommand.Withdraw;
import io.ledgerflow.command.model.LedgerView.AccountView;
import io.ledgerflow.command.model.LedgerView.Balance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
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
 * used ids with the same or other fields, by operators and by clients) go to the production command handlers on real
 * event-sourced aggregates ({@link AxonLedger}) and to an independent reference model ({@link ReferenceLedger}).
 * After every step: each settlement currency sums to zero over the posted balances, no customer account's
 * available is below zero (its overdraft limit is already in it), every balance stays within ±(2^53−1), each transfer
 * id has at most one terminal effect and posts each leg at most once, and the answer, every account and every
 * transfer agree with the model.
 */
class LedgerModelProperties {

    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    static final long MAX = ReferenceLedger.MAX.longValueExact();
    private static final List<String> USD = List.of("a", "b", "c", "d");
    private static final List<String> EUR = List.of("e", "f");
    private static final List<String> ACCOUNTS = List.of("a", "b", "c", "d", "e", "f");

    record Run(List<Open> setup, List<LedgerCommand> commands) {
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void the_aggregates_keep_the_ledger_rules_and_agree_with_the_model(@ForAll("runs") Run run) {
        try (AxonLedger ledger = new AxonLedger(START)) {
            ReferenceLedger model = new ReferenceLedger(START);
            Runner runner = new Runner();
            List<LedgerCommand> steps = new ArrayList<>(run.setup());
            steps.addAll(run.commands());
            for (int step = 0; step < steps.size(); step++) {
                LedgerCommand command = runner.concrete(steps.get(step));
                if (command == null) {
                    continue;
                }
                String expected = model.execute(command);
                String actual = ledger.execute(command);
                Statistics.label("command → answer").collect(command.getClass().getSimpleName(), coarse(expected));
                String where = "step " + step + ": " + command;
                assertThat(actual).as("answer at %s", where).isEqualTo(expected);
                assertLedgerRules(ledger, where);
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
            check(Math.abs(p) <= MAX && debits <= MAX && credits <= MAX, where, account,
                    "a balance outside ±(2^53-1)");
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

    /** Makes {@code ^k} ids and {@link Retry} concrete, from the transfer-like commands sent so far. */
    static final class Runner {
        private final List<String> recentIds = new ArrayList<>();
        private final List<String> recentHolds = new ArrayList<>();
        private final List<LedgerCommand> sent = new ArrayList<>();

        LedgerCommand concrete(LedgerCommand generated) {
            LedgerCommand command = generated instanceof Retry retry ? retry(retry) : resolveIds(generated);
            if (command instanceof Deposit || command instanceof Withdraw || command instanceof Move
                    || command instanceof Batch) {
                sent.add(command);
            }
            if (command instanceof Deposit deposit) {
                used(deposit.transferId());
            } else if (command instanceof Withdraw withdraw) {
                used(withdraw.transferId());
            } else if (command instanceof Move move) {
                used(move.transferId());
                if (move.pending()) {
                    recentHolds.remove(move.transferId());
                    recentHolds.add(0, move.transferId());
                }
            } else if (command instanceof Batch batch) {
                batch.items().forEach(item -> used(item.transferId()));
            }
            return command;
        }

        private void used(String id) {
            recentIds.remove(id);
            recentIds.add(0, id);
        }

        /** {@code ^k}: the k-th most recent hold (else id); {@code ~k}: the k-th most recent id of any kind. */
        private String id(String generated) {
            if (!generated.startsWith("^") && !generated.startsWith("~")) {
                return generated;
            }
            List<String> ids = generated.startsWith("^") && !recentHolds.isEmpty() ? recentHolds : recentIds;
            if (ids.isEmpty()) {
                return "t-none";
            }
            return ids.get(Integer.parseInt(generated.substring(1)) % ids.size());
        }

        private LedgerCommand resolveIds(LedgerCommand command) {
            if (command instanceof Post post) {
                return new Post(id(post.transferId()), post.actor(), post.amount());
            }
            if (command instanceof VoidPending voiding) {
                return new VoidPending(id(voiding.transferId()), voiding.actor());
            }
            if (command instanceof Expire expire) {
                return new Expire(id(expire.transferId()));
            }
            return command;
        }

        private LedgerCommand retry(Retry retry) {
            if (sent.isEmpty()) {
                return null;
            }
            LedgerCommand earlier = sent.get(retry.pick() % sent.size());
            Change change = retry.change();
            if (earlier instanceof Deposit d) {
                return switch (change) {
                    case SAME, PENDING -> d;
                    case AMOUNT -> new Deposit(d.transferId(), d.accountId(), d.amount() + 1, d.reference());
                    case REFERENCE -> new Deposit(d.transferId(), d.accountId(), d.amount(), "changed");
                    case OTHER -> new Withdraw(d.transferId(), d.accountId(), d.amount(), d.reference());
                };
            }
            if (earlier instanceof Withdraw w) {
                return switch (change) {
                    case SAME, PENDING -> w;
                    case AMOUNT -> new Withdraw(w.transferId(), w.accountId(), w.amount() + 1, w.reference());
                    case REFERENCE -> new Withdraw(w.transferId(), w.accountId(), w.amount(), "changed");
                    case OTHER -> new Deposit(w.transferId(), w.accountId(), w.amount(), w.reference());
                };
            }
            if (earlier instanceof Move m) {
                return switch (change) {
                    case SAME -> m;
                    case AMOUNT -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                            m.amount() + 1, m.currency(), m.reference(), m.pending(), m.timeoutSeconds());
                    case REFERENCE -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                            m.amount(), m.currency(), "changed", m.pending(), m.timeoutSeconds());
                    case PENDING -> new Move(m.transferId(), m.actor(), m.debitAccountId(), m.creditAccountId(),
                            m.amount(), m.currency(), m.reference(), !m.pending(), m.pending() ? null : 60L);
                    case OTHER -> new Move(m.transferId(), m.actor().next(), m.debitAccountId(),
                            m.creditAccountId(), m.amount(), m.currency(), m.reference(), m.pending(),
                            m.timeoutSeconds());
                };
            }
            Batch b = (Batch) earlier;
            Item first = b.items().get(0);
            List<Item> rest = b.items().subList(1, b.items().size());
            return switch (change) {
                case SAME -> b;
                case AMOUNT -> new Batch(b.actor(), prepend(new Item(first.transferId(), first.debitAccountId(),
                        first.creditAccountId(), first.amount() + 1, first.currency(), first.reference()), rest));
                case REFERENCE -> new Batch(b.actor(), prepend(new Item(first.transferId(), first.debitAccountId(),
                        first.creditAccountId(), first.amount(), first.currency(), "changed"), rest));
                // an item's id sent again as a hold
                case PENDING -> new Move(first.transferId(), b.actor(), first.debitAccountId(),
                        first.creditAccountId(), first.amount(), first.currency(), first.reference(), true, null);
                case OTHER -> new Batch(b.actor().next(), b.items());
            };
        }

        private static List<Item> prepend(Item first, List<Item> rest) {
            List<Item> items = new ArrayList<>();
            items.add(first);
            items.addAll(rest);
            return items;
        }
    }

    // ---------------------------------------------------------------------------------------------- generators

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<List<Open>> setup = Combinators.combine(ACCOUNTS.stream().map(LedgerModelProperties::open).toList())
                .as(List::copyOf);
        Arbitrary<List<LedgerCommand>> commands = command().list().ofMaxSize(100)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(setup, commands).as(Run::new);
    }

    private static Arbitrary<LedgerCommand> command() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, deposit()),
                Tuple.of(5, withdraw()),
                Tuple.of(14, move(false)),
                Tuple.of(9, move(true)),
                Tuple.of(8, post()),
                Tuple.of(4, Combinators.combine(target(), actor()).as(VoidPending::new)),
                Tuple.of(2, target().map(Expire::new)),
                Tuple.of(4, Combinators.combine(Arbitraries.of(0L, 1L, 10L, 30L, 60L, 120L), Arbitraries.of(true, false))
                        .as(Tick::new)),
                Tuple.of(5, Combinators.combine(Arbitraries.of(Action.class), actionAccount()).as(Act::new)),
                Tuple.of(2, Combinators.combine(actionAccount(), Arbitraries.of(0L, 50L, 100L, 1_000L, 5_000L, MAX))
                        .as(SetOverdraft::new)),
                Tuple.of(1, Arbitraries.of(ACCOUNTS).flatMap(LedgerModelProperties::open)),
                Tuple.of(6, batch()),
                Tuple.of(8, Combinators.combine(Arbitraries.integers().between(0, 1_000), Arbitraries.of(Change.class))
                        .as(Retry::new)));
    }

    private static String usualCurrency(String accountId) {
        return USD.contains(accountId) ? "USD" : "EUR";
    }

    /** Mostly the usual currency of the id, sometimes the other (a conflict when the id is open already). */
    private static Arbitrary<Open> open(String id) {
        String usual = usualCurrency(id);
        String other = usual.equals("USD") ? "EUR" : "USD";
        return Combinators.combine(Arbitraries.of("alice", "bob"),
                        Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(usual)), Tuple.of(1, Arbitraries.just(other))),
                        Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0L)), Tuple.of(3, Arbitraries.of(100L, 1_000L)),
                                Tuple.of(1, Arbitraries.just(MAX))))
                .as((owner, currency, overdraft) -> new Open(id, owner, currency, overdraft));
    }

    private static Arbitrary<String> transferId() {
        return Arbitraries.integers().between(0, 149).map(i -> "t" + i);
    }

    /** A recent hold most of the time, or a recently used id of any kind, else any id (maybe never used). */
    private static Arbitrary<String> target() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(0, 3).map(i -> "^" + i)),
                Tuple.of(2, Arbitraries.integers().between(0, 5).map(i -> "~" + i)), Tuple.of(1, transferId()));
    }

    private static Arbitrary<String> account() {
        return Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.of(ACCOUNTS)), Tuple.of(1, Arbitraries.just("ghost")));
    }

    private static Arbitrary<String> actionAccount() {
        return Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.of(ACCOUNTS)),
                Tuple.of(1, Arbitraries.of("ghost", "@world:USD")));
    }

    /** Debit account, credit account and currency: mostly two different accounts of one currency. */
    record Route(String debit, String credit, String currency) {
    }

    private static Arbitrary<Route> route() {
        return Arbitraries.of("USD", "USD", "EUR").flatMap(currency -> {
            List<String> group = currency.equals("USD") ? USD : EUR;
            Arbitrary<Route> usual = Arbitraries.of(group).flatMap(debit -> Arbitraries.of(group.stream()
                    .filter(id -> !id.equals(debit)).toList()).map(credit -> new Route(debit, credit, currency)));
            Arbitrary<Route> any = Combinators.combine(account(), account(), Arbitraries.of("USD", "EUR")).as(Route::new);
            return Arbitraries.frequencyOf(Tuple.of(8, usual), Tuple.of(1, any));
        });
    }

    private static Arbitrary<Who> actor() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(Who.OPS)), Tuple.of(1, Arbitraries.just(Who.ALICE)),
                Tuple.of(1, Arbitraries.just(Who.BOB)));
    }

    private static Arbitrary<String> reference() {
        return Arbitraries.just("r").injectNull(0.8);
    }

    /**
     * Mostly everyday amounts, many tiny; now and then ones just below the bound of ±(2^53−1) (so balances reach it and
     * a few more units cross it), or invalid ones.
     */
    private static Arbitrary<Long> amount() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.longs().between(1, 500)),
                Tuple.of(10, Arbitraries.longs().between(1, 20)),
                Tuple.of(4, Arbitraries.longs().between(501, 5_000)),
                Tuple.of(2, Arbitraries.longs().between(0, 20).map(below -> MAX - below)),
                Tuple.of(1, Arbitraries.of(MAX / 2, MAX / 2 + 1, 1L << 52)),
                Tuple.of(1, Arbitraries.of(0L, -1L, MAX + 1)));
    }

    private static Arbitrary<LedgerCommand> deposit() {
        Arbitrary<Long> amount = Arbitraries.frequencyOf(Tuple.of(3, amount()),
                Tuple.of(1, Arbitraries.longs().between(1_000, 10_000)));
        return Combinators.combine(transferId(), account(), amount, reference()).as(Deposit::new);
    }

    private static Arbitrary<LedgerCommand> withdraw() {
        return Combinators.combine(transferId(), account(), amount(), reference()).as(Withdraw::new);
    }

    private static Arbitrary<LedgerCommand> move(boolean pending) {
        Arbitrary<Long> timeout = Arbitraries.longs().between(1, 120).injectNull(0.5);
        return Combinators.combine(transferId(), actor(), route(), amount(), reference(), timeout)
                .as((id, who, route, amount, reference, seconds) -> new Move(id, who, route.debit(), route.credit(),
                        amount, route.currency(), reference, pending, pending ? seconds : null));
    }

    private static Arbitrary<LedgerCommand> post() {
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 600).injectNull(0.4);
        return Combinators.combine(target(), actor(), amount).as(Post::new);
    }

    private static Arbitrary<LedgerCommand> batch() {
        Arbitrary<Item> item = Combinators.combine(transferId(), route(), amount(), reference())
                .as((id, route, amount, reference) -> new Item(id, route.debit(), route.credit(), amount,
                        route.currency(), reference));
        return Combinators.combine(actor(), item.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Item::transferId))
                .as(Batch::new);
    }
}
