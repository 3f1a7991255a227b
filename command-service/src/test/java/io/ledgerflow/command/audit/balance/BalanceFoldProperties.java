package io.ledgerflow.command.audit.balance;

import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStatus;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.transfer.Resolution;
import io.ledgerflow.command.transfer.ResolutionDecision;
import io.ledgerflow.command.transfer.TransferAttempt;
import io.ledgerflow.command.transfer.TransferDecision;
import io.ledgerflow.command.transfer.TransferRules;
import io.ledgerflow.command.transfer.TransferSnapshot;
import io.ledgerflow.command.transfer.TransferStatus;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the transfer rules let happen (single-phase transfers, holds, partial and full posts, voids and expiries,
 * refusals), folding an account's events yields, after every event, exactly the balances that event carries.
 */
class BalanceFoldProperties {

    private static final Actor OPERATOR = new Actor("ops", true);
    private static final String WORLD = WorldAccount.idFor("USD");
    private static final List<String> IDS = List.of("a", "b", "c", WORLD);

    /** {@code resolve} "transfer": a transfer; otherwise the resolution of the {@code pick}-th pending transfer. */
    record Step(String from, String to, long amount, boolean pending, String resolve, int pick, Long postAmount) {
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Long> postAmounts = Arbitraries.longs().between(1, 400).injectNull(0.4);
        return Combinators.combine(Arbitraries.of(IDS), Arbitraries.of(IDS), Arbitraries.longs().between(1, 600),
                        Arbitraries.of(true, false), Arbitraries.of("transfer", "transfer", "post", "void", "expire"),
                        Arbitraries.integers().between(0, 20), postAmounts)
                .as(Step::new).list().ofMaxSize(120);
    }

    @Property(tries = 300)
    void folding_an_accounts_events_gives_the_balances_each_event_carries(@ForAll("histories") List<Step> steps) {
        Map<String, AccountSnapshot> ledger = new LinkedHashMap<>();
        Map<String, List<AccountEvent>> streams = new LinkedHashMap<>();
        open(ledger, streams, "a", 300, false);
        open(ledger, streams, "b", 0, false);
        open(ledger, streams, "c", 1_000, false);
        open(ledger, streams, WORLD, 0, true);
        List<TransferSnapshot> pending = new ArrayList<>();
        int n = 0;

        for (Step step : steps) {
            String id = "t" + n++;
            if (step.resolve().equals("transfer")) {
                TransferTerms terms = new TransferTerms(TransferKind.TRANSFER, step.from(), step.to(), step.amount(),
                        "USD", null, Map.of());
                TransferDecision decision = TransferRules.decide(new TransferAttempt(id, terms, OPERATOR,
                        step.pending(), null), ledger.get(step.from()), ledger.get(step.to()));
                if (decision instanceof TransferDecision.Post post) {
                    append(ledger, streams, post.debit(), post.credit());
                } else if (decision instanceof TransferDecision.Hold hold) {
                    append(ledger, streams, hold.debit(), hold.credit());
                    pending.add(new TransferSnapshot(id, terms, TransferStatus.PENDING, null, Instant.EPOCH, null,
                            "ops", true, null, 0));
                }
            } else if (!pending.isEmpty()) {
                TransferSnapshot transfer = pending.get(step.pick() % pending.size());
                Resolution resolution = switch (step.resolve()) {
                    case "post" -> new Resolution.PostPending(step.postAmount());
                    case "void" -> new Resolution.VoidPending();
                    default -> new Resolution.ExpirePending();
                };
                ResolutionDecision decision = TransferRules.decideResolution(resolution, OPERATOR, transfer,
                        ledger.get(transfer.terms().debitAccountId()), ledger.get(transfer.terms().creditAccountId()),
                        Instant.EPOCH);
                if (decision instanceof ResolutionDecision.Resolve resolve) {
                    append(ledger, streams, resolve.debit(), resolve.credit());
                    pending.remove(transfer);
                }
            }
        }

        streams.forEach((account, events) -> {
            BalanceFold fold = new BalanceFold();
            for (AccountEvent event : events) {
                assertThat(fold.apply(event)).as("%s: %s", account, event).isEmpty();
            }
            assertThat(fold.balances()).as(account).isEqualTo(ledger.get(account).balances());
            assertThat(fold.available()).as(account).isEqualTo(ledger.get(account).available());
        });
    }

    private static void open(Map<String, AccountSnapshot> ledger, Map<String, List<AccountEvent>> streams, String id,
                             long overdraft, boolean system) {
        ledger.put(id, new AccountSnapshot(id, system ? WorldAccount.OWNER : "owner", "USD", null, overdraft, Map.of(),
                system, AccountStatus.OPEN, Balances.ZERO, 1, Instant.EPOCH, Instant.EPOCH));
        streams.put(id, new ArrayList<>(List.of(new AccountOpened(id, "owner", "USD", null, overdraft, Map.of(),
                system))));
    }

    private static void append(Map<String, AccountSnapshot> ledger, Map<String, List<AccountEvent>> streams,
                               AccountEvent... legs) {
        for (AccountEvent leg : legs) {
            ledger.put(leg.accountId(), TransferRules.evolve(ledger.get(leg.accountId()), leg));
            streams.get(leg.accountId()).add(leg);
        }
    }
}
