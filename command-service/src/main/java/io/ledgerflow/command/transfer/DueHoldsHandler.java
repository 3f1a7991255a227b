package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.EventClock;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Expires a batch of due holds in one unit of work, so in one transaction and one commit: one at a time, holds due
 * together on the same accounts queued on those accounts' locks, a transaction each, and a batch of 500 holds with
 * one timeout took about 10 s to release. Locks as a batch of transfers does (every transfer in key order, then
 * every customer account, then settlement accounts last), then decides each expiry as {@link TransferCommandHandler}
 * decides one, against the accounts as the expiries before it in the batch left them. A hold resolved meanwhile is
 * refused without effect, as it would be alone.
 */
@Component
public class DueHoldsHandler {

    private static final Actor EXPIRY = new Actor(PendingExpiryJob.PRINCIPAL, true);

    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;
    private final LedgerLocks locks;
    private final PendingExpiries expiries;
    private final Clock clock;

    public DueHoldsHandler(Repository<Account> accounts, Repository<Transfer> transfers, LedgerLocks locks,
                           PendingExpiries expiries) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.locks = locks;
        this.expiries = expiries;
        this.clock = EventClock.INSTANCE;
    }

    /** @return how many of them it expired */
    @CommandHandler
    public int handle(ExpireDueHolds command) {
        locks.lockAll(LedgerLocks.inKeyOrder(command.transferIds().stream().map(StreamIds::transfer).toList()));
        Map<String, Aggregate<Transfer>> holds = new LinkedHashMap<>();
        List<String> customers = new ArrayList<>();
        TreeSet<String> settlement = new TreeSet<>();
        for (String transferId : command.transferIds()) {
            Optional<Aggregate<Transfer>> found = Aggregates.find(transfers, StreamIds.transfer(transferId));
            if (found.isEmpty()) {
                continue;
            }
            holds.put(transferId, found.get());
            TransferTerms terms = found.get().invoke(Transfer::snapshot).terms();
            for (String accountId : List.of(terms.debitAccountId(), terms.creditAccountId())) {
                (WorldAccount.isWorld(accountId) ? settlement : customers).add(accountId);
            }
        }
        locks.lockAccounts(customers);
        settlement.forEach(locks::lockSettlement);
        Map<String, Aggregate<Account>> loaded = new HashMap<>();
        int expired = 0;
        for (Map.Entry<String, Aggregate<Transfer>> hold : holds.entrySet()) {
            Aggregate<Transfer> transfer = hold.getValue();
            TransferTerms terms = transfer.invoke(Transfer::snapshot).terms();
            Aggregate<Account> debit = account(terms.debitAccountId(), loaded);
            Aggregate<Account> credit = account(terms.creditAccountId(), loaded);
            ResolutionDecision decision = TransferRules.decideResolution(new Resolution.ExpirePending(), EXPIRY,
                    transfer.invoke(Transfer::snapshot), TransferCommandHandler.snapshotOf(debit),
                    TransferCommandHandler.snapshotOf(credit), clock.instant());
            if (decision instanceof ResolutionDecision.Resolve resolve) {
                TransferCommandHandler.append(resolve, terms, debit, credit, transfer);
                expiries.resolved(hold.getKey());
                expired++;
            }
        }
        return expired;
    }

    private Aggregate<Account> account(String accountId, Map<String, Aggregate<Account>> loaded) {
        return loaded.computeIfAbsent(accountId,
                id -> Aggregates.find(accounts, StreamIds.account(id)).orElse(null));
    }
}
