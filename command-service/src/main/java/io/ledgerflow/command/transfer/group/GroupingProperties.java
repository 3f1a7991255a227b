package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.transfer.WithdrawFunds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code ledgerflow.commands.grouping}: which commands that arrive together share one transaction.
 *
 * @param mode          which commands are grouped ({@link Mode})
 * @param senders       threads that run groups at the same time (each holds one database connection while it runs)
 * @param maxGroupSize  the most commands one transaction runs
 * @param queueCapacity commands that may wait for a sender; beyond it a command runs alone on its request's thread
 * @param lockWait      the longest a group waits for any lock another transaction holds; past it the group gives up
 *                      and each of its commands runs alone on its request's thread, waiting as long as the
 *                      connection's lock timeout allows. So one command that waits for a busy account holds up the
 *                      others that arrived with it, and the sender, for this long at most
 */
@ConfigurationProperties("ledgerflow.commands.grouping")
public record GroupingProperties(@DefaultValue("all") Mode mode, @DefaultValue("2") int senders,
                                 @DefaultValue("64") int maxGroupSize, @DefaultValue("10000") int queueCapacity,
                                 @DefaultValue("1s") Duration lockWait) {

    public GroupingProperties {
        if (senders < 1 || maxGroupSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("ledgerflow.commands.grouping: senders, max-group-size and "
                    + "queue-capacity must be at least 1");
        }
        if (lockWait.isNegative() || lockWait.isZero()) {
            throw new IllegalArgumentException("ledgerflow.commands.grouping.lock-wait must be positive");
        }
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public enum Mode {
        /** Every command runs in a transaction of its own. */
        OFF,
        /**
         * Deposits and withdrawals only. Those into one hot account queue on its lock, and each takes a settlement
         * shard's lock: grouped, they share one wait for each lock, one lock statement and one commit.
         */
        MOVEMENTS,
        /**
         * Single transfers too (the default). A group shares one transaction's fixed costs (its statements, its
         * commit, the publisher's and the chain's reads that each commit wakes): on the benchmark's two cores this
         * took single transfers from 179 and 242/s to 494 and 316/s in two rounds
         * (infra/benchmarks/results/2026-12-02-grouping-all-ab.txt).
         */
        ALL;

        boolean groups(Object command) {
            return switch (this) {
                case OFF -> false;
                case MOVEMENTS -> command instanceof DepositFunds || command instanceof WithdrawFunds;
                case ALL -> command instanceof TransferFunds || command instanceof DepositFunds
                        || command instanceof WithdrawFunds;
            };
        }
    }
}
