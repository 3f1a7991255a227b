package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.Money;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever sequence of transfers is attempted, the rules refuse exactly the transfers that would break the ledger,
 * and what they let through keeps it balanced and within its limits.
 */
class LedgerInvariantProperties {

    /** Operators may use every account: ownership is not what this property is about. */
    private static final Actor OPERATOR = new Actor("ops", true);

    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "@world:USD", "@world:EUR", "unknown");

    record Attempt(String from, String to, long amount, String currency) {
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<Long> amounts = Arbitraries.oneOf(Arbitraries.longs().between(1, 5_000),
                Arbitraries.longs().between(-10, Money.MAX + 10), Arbitraries.of(Money.MAX, 0L, 1L));
        return Combinators.combine(Arbitraries.of(IDS), Arbitraries.of(IDS), amounts, Arbitraries.of("USD", "EUR"))
                .as(Attempt::new).list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void money_is_conserved_and_no_account_goes_below_its_overdraft(@ForAll("attempts") List<Attempt> attempts) {
        Map<String, AccountSnapshot> ledger = openLedger();
        for (Attempt attempt : attempts) {
            Optional<RejectionCode> expected = expectedRejection(attempt, ledger);
            TransferTerms terms = new TransferTerms(TransferKind.TRANSFER, attempt.from(), attempt.to(),
                    attempt.amount(), attempt.currency(), null, Map.of());
            TransferDecision decision = TransferRules.decide(new TransferAttempt("t", terms, OPERATOR),
                    ledger.get(attempt.from()), ledger.get(attempt.to()));
            Optional<RejectionCode> rejection = decision instanceof TransferDecision.Reject reject
                    ? Optional.of(RejectionCode.valueOf(reject.transfer().rejectionCode()))
                    : Optional.empty();
            assertThat(rejection).as("%s", attempt).isEqualTo(expected);
            if (decision instanceof TransferDecision.Post post) {
                ledger.put(attempt.from(), TransferRules.evolve(ledger.get(attempt.from()), post.debit()));
                ledger.put(attempt.to(), TransferRules.evolve(ledger.get(attempt.to()), post.credit()));
                assertThat(post.debit().amount()).isEqualTo(attempt.amount()).isEqualTo(post.credit().amount());
            }
            assertBalanced(ledger);
        }
    }

    /**
     * The rules written out again, independently and in exact arithmetic: a transfer is refused exactly when posting
     * it would break one, and with the first reason in the documented order.
     */
    private static Optional<RejectionCode> expectedRejection(Attempt attempt, Map<String, AccountSnapshot> ledger) {
        BigInteger amount = BigInteger.valueOf(attempt.amount());
        BigInteger max = BigInteger.valueOf(Money.MAX);
        if (amount.signum() <= 0 || amount.compareTo(max) > 0) {
            return Optional.of(RejectionCode.INVALID_AMOUNT);
        }
        if (attempt.from().equals(attempt.to())) {
            return Optional.of(RejectionCode.SAME_ACCOUNT);
        }
        AccountSnapshot debit = ledger.get(attempt.from());
        AccountSnapshot credit = ledger.get(attempt.to());
        if (debit == null || credit == null) {
            return Optional.of(RejectionCode.ACCOUNT_NOT_FOUND);
        }
        if (!debit.currency().equals(attempt.currency()) || !credit.currency().equals(attempt.currency())) {
            return Optional.of(RejectionCode.CURRENCY_MISMATCH);
        }
        BigInteger debited = BigInteger.valueOf(debit.balances().posted()).subtract(amount);
        if (debited.abs().compareTo(boundOf(debit)) > 0) {
            return Optional.of(RejectionCode.AMOUNT_OVERFLOW);
        }
        if (!debit.system() && debited.add(BigInteger.valueOf(debit.overdraftLimit())).signum() < 0) {
            return Optional.of(RejectionCode.INSUFFICIENT_FUNDS);
        }
        if (BigInteger.valueOf(credit.balances().posted()).add(amount).abs().compareTo(boundOf(credit)) > 0) {
            return Optional.of(RejectionCode.AMOUNT_OVERFLOW);
        }
        return Optional.empty();
    }

    /** Customer balances within ±(2^53−1); a settlement account's shard within ±(2^63−1)/shards. */
    private static BigInteger boundOf(AccountSnapshot account) {
        return BigInteger.valueOf(account.system() ? Money.SETTLEMENT_SHARD_MAX : Money.MAX);
    }

    private static void assertBalanced(Map<String, AccountSnapshot> ledger) {
        for (String currency : List.of("USD", "EUR")) {
            long sum = ledger.values().stream().filter(a -> a.currency().equals(currency))
                    .mapToLong(a -> a.balances().posted()).sum();
            assertThat(sum).as("sum of posted balances in %s", currency).isZero();
        }
        ledger.values().stream().filter(a -> !a.system()).forEach(a -> {
            assertThat(a.available()).as("available of %s", a.id()).isGreaterThanOrEqualTo(0);
            assertThat(Money.withinBounds(a.balances().posted())).isTrue();
        });
    }

    private static Map<String, AccountSnapshot> openLedger() {
        Map<String, AccountSnapshot> ledger = new LinkedHashMap<>();
        ledger.put("a", account("a", "USD", 0, false));
        ledger.put("b", account("b", "USD", 250, false));
        ledger.put("c", account("c", "USD", 0, false));
        ledger.put("d", account("d", "EUR", 0, false));
        ledger.put("e", account("e", "EUR", 1_000, false));
        ledger.put(WorldAccount.idFor("USD"), account(WorldAccount.idFor("USD"), "USD", 0, true));
        ledger.put(WorldAccount.idFor("EUR"), account(WorldAccount.idFor("EUR"), "EUR", 0, true));
        return ledger;
    }

    private static AccountSnapshot account(String id, String currency, long overdraft, boolean system) {
        return new AccountSnapshot(id, system ? WorldAccount.OWNER : "owner", currency, null, overdraft, Map.of(),
                system, AccountStatus.OPEN, Balances.ZERO, 1, Instant.EPOCH, Instant.EPOCH);
    }
}
