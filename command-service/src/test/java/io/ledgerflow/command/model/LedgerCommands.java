package io.ledgerflow.command.model;

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
import io.ledgerflow.command.model.LedgerCommand.TickTo;
import io.ledgerflow.command.model.LedgerCommand.VoidPending;
import io.ledgerflow.command.model.LedgerCommand.Who;
import io.ledgerflow.command.model.LedgerCommand.Withdraw;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Generators of {@link LedgerCommand}s, weighted so that most commands reach the interesting rules: accounts a–d in
 * USD and e–f in EUR (now and then opened in the other currency), transfers mostly between two different accounts of
 * one currency and mostly by operators, holds mostly posted or voided soon after, amounts mostly small, some right
 * below the bound of ±(2^53−1), a few invalid; ids from a pool of 150, so some are used twice by chance besides the
 * deliberate retries.
 */
final class LedgerCommands {

    static final long MAX = ReferenceRules.MAX.longValueExact();
    static final List<String> USD = List.of("a", "b", "c", "d");
    static final List<String> EUR = List.of("e", "f");
    static final List<String> ACCOUNTS = List.of("a", "b", "c", "d", "e", "f");

    private LedgerCommands() {
    }

    /** Every account opened (with varying owners, currencies and overdraft limits). */
    static Arbitrary<List<Open>> setup() {
        return Combinators.combine(ACCOUNTS.stream().map(LedgerCommands::open).toList()).as(List::copyOf);
    }

    static Arbitrary<LedgerCommand> command() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, deposit()),
                Tuple.of(5, withdraw()),
                Tuple.of(14, move(false)),
                Tuple.of(9, move(true)),
                Tuple.of(8, post()),
                Tuple.of(4, Combinators.combine(target(), actor()).as(VoidPending::new)),
                Tuple.of(2, target().map(Expire::new)),
                Tuple.of(3, Combinators.combine(Arbitraries.of(0L, 1L, 10L, 30L, 60L, 120L), Arbitraries.of(true, false))
                        .as(Tick::new)),
                Tuple.of(2, Combinators.combine(target(), Arbitraries.of(true, false)).as(TickTo::new)),
                Tuple.of(5, Combinators.combine(Arbitraries.of(Action.class), actionAccount()).as(Act::new)),
                Tuple.of(2, Combinators.combine(actionAccount(), Arbitraries.of(0L, 50L, 100L, 1_000L, 5_000L, MAX))
                        .as(SetOverdraft::new)),
                Tuple.of(1, Arbitraries.of(ACCOUNTS).flatMap(LedgerCommands::open)),
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
                        Arbitraries.frequencyOf(Tuple.of(15, Arbitraries.just(usual)), Tuple.of(1, Arbitraries.just(other))),
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
            return Arbitraries.frequencyOf(Tuple.of(12, usual), Tuple.of(1, any));
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
                Tuple.of(2, Arbitraries.longs().between(1_000, 10_000)));
        return Combinators.combine(transferId(), account(), amount, reference()).as(Deposit::new);
    }

    private static Arbitrary<LedgerCommand> withdraw() {
        return Combinators.combine(transferId(), account(), amount(), reference()).as(Withdraw::new);
    }

    /** Often a multiple of the ticks, so a post or void lands exactly on the deadline now and then. */
    private static Arbitrary<Long> timeout() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(1L, 10L, 30L, 60L, 90L)),
                Tuple.of(1, Arbitraries.longs().between(1, 120))).injectNull(0.4);
    }

    private static Arbitrary<LedgerCommand> move(boolean pending) {
        return Combinators.combine(transferId(), actor(), route(), amount(), reference(), timeout())
                .as((id, who, route, amount, reference, seconds) -> new Move(id, who, route.debit(), route.credit(),
                        amount, route.currency(), reference, pending, pending ? seconds : null));
    }

    private static Arbitrary<LedgerCommand> post() {
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 600).injectNull(0.4);
        return Combinators.combine(target(), actor(), amount).as(Post::new);
    }

    private static Arbitrary<LedgerCommand> batch() {
        // a third of the items are holds, with or without a timeout
        Arbitrary<Boolean> pending = Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true));
        Arbitrary<Item> item = Combinators.combine(transferId(), route(), amount(), reference(), pending, timeout())
                .as((id, route, amount, reference, hold, seconds) -> new Item(id, route.debit(), route.credit(),
                        amount, route.currency(), reference, hold, hold ? seconds : null));
        return Combinators.combine(actor(), item.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Item::transferId))
                .as(Batch::new);
    }
}
