package io.ledgerflow.command.transfer.group;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledgerflow.commands.grouping}: how single transfers, deposits and withdrawals share transactions.
 *
 * @param enabled       true groups; off by default: on one machine with PostgreSQL beside the service it cost a fifth
 *                      of the single-transfer rate and bought nothing (infra/benchmarks/results/2026-12-01-changes.md)
 * @param senders       threads that run groups at the same time (each holds one database connection while it runs)
 * @param maxGroupSize  the most commands one transaction runs
 * @param queueCapacity commands that may wait for a sender; beyond it a command runs alone on its request's thread
 */
@ConfigurationProperties("ledgerflow.commands.grouping")
public record GroupingProperties(@DefaultValue("false") boolean enabled, @DefaultValue("4") int senders,
                                 @DefaultValue("32") int maxGroupSize, @DefaultValue("10000") int queueCapacity) {

    public GroupingProperties {
        if (senders < 1 || maxGroupSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("ledgerflow.commands.grouping: senders, max-group-size and "
                    + "queue-capacity must be at least 1");
        }
    }
}
