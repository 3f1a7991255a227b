package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.transfer.WithdrawFunds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledgerflow.commands.grouping}: which commands that arrive together share one transaction.
 *
 * @param mode          which commands are grouped ({@link Mode})
 * @param senders       threads that run groups at the same time (each holds one database connection while it runs)
 * @param maxGroupSize  the most commands one transaction runs
 * @param queueCapacity commands that may wait for a sender; beyond it a command runs alone on its request's thread
 */
@ConfigurationProperties("ledgerflow.commands.grouping")
public record GroupingProperties(@DefaultValue("movements") Mode mode, @DefaultValue("2") int senders,
                                 @DefaultValue("64") int maxGroupSize, @DefaultValue("10000") int queueCapacity) {

    public GroupingProperties {
        if (senders < 1 || maxGroupSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("ledgerflow.commands.grouping: senders, max-group-size and "
                    + "queue-capacity must be at least 1");
        }
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public enum Mode {
        /** Every command runs in a transaction of its own. */
        OFF,
        /**
         * Deposits and withdrawals (the default). Those into one hot account queue on its lock, and each takes a
         * settlement shard's lock: grouped, they share one wait for each lock, one lock statement and one commit.
         */
        MOVEMENTS,
        /**
         * Single transfers too. On one machine with PostgreSQL beside the service this cost a fifth of the
         * single-transfer rate (fewer transactions in flight, nothing to share); it is meant for a database whose
         * every commit is a network round trip away (infra/benchmarks/results/2026-12-01-changes.md).
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
