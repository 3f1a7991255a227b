package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.events.account.SettlementAccounts;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Locks the shard of a settlement account that a deposit or withdrawal posts to: the first free one, starting from
 * the next in turn ({@link LedgerLocks#lockAnyOf}), so a movement waits only when every shard of its currency is
 * busy. Any shard will do: a settlement account has no limit of its own, and its balance is the sum of its shards'.
 * Only 64-bit arithmetic bounds a shard; a movement that would take its shard past that bound tries the others
 * that are free ({@link #tryLockAnother}) before it is refused.
 * <p>
 * A unit of work keeps its shard of each currency: a group of movements locks it once, before any of them runs,
 * and every one of them then posts to it.
 */
@Component
public class SettlementShards {

    private static final String CHOSEN = SettlementShards.class.getName() + ".chosen";

    private final LedgerLocks locks;
    private final AtomicInteger next = new AtomicInteger();

    public SettlementShards(LedgerLocks locks) {
        this.locks = locks;
    }

    /** Locks a shard of {@code currency}'s settlement account, or finds the one this unit of work holds. */
    public String lockShardOf(String currency) {
        if (!CurrentUnitOfWork.isStarted()) {
            return lockNextFree(currency);
        }
        Map<String, String> chosen = CurrentUnitOfWork.get().getOrComputeResource(CHOSEN, key -> new HashMap<>());
        String shard = chosen.get(currency);
        if (shard == null) {
            shard = lockNextFree(currency);
            chosen.put(currency, shard);
        }
        return shard;
    }

    /**
     * Another shard of {@code currency} that no other transaction holds, locked without waiting, in turn from the
     * first not in {@code tried}; every shard tried is added to {@code tried}. Empty when none is free.
     */
    public Optional<String> tryLockAnother(String currency, Set<String> tried) {
        for (String shard : SettlementAccounts.shardIds(currency)) {
            if (tried.add(shard) && locks.tryLock(StreamIds.account(shard))) {
                return Optional.of(shard);
            }
        }
        return Optional.empty();
    }

    private String lockNextFree(String currency) {
        int first = Math.floorMod(next.getAndIncrement(), SettlementAccounts.SHARDS);
        List<String> streams = new ArrayList<>(SettlementAccounts.SHARDS);
        for (int i = 0; i < SettlementAccounts.SHARDS; i++) {
            int shard = (first + i) % SettlementAccounts.SHARDS;
            streams.add(StreamIds.account(SettlementAccounts.shardId(currency, shard)));
        }
        String locked = locks.lockAnyOf(streams);
        return locked.substring(StreamIds.ACCOUNT_PREFIX.length());
    }
}
