package io.ledgerflow.command.transfer.group;

import org.axonframework.commandhandling.CommandMessage;

import java.util.List;

/**
 * Single transfers, deposits and withdrawals that arrived at the same time from different requests, run one after
 * the other in one unit of work: one PostgreSQL transaction and one commit for all of them. Each keeps its own
 * message, so its events carry its own caller and correlation id.
 */
public record TransferGroup(List<CommandMessage<?>> commands) {

    public TransferGroup {
        commands = List.copyOf(commands);
    }
}
