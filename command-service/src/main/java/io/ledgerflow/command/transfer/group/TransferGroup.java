package io.ledgerflow.command.transfer.group;

import org.axonframework.commandhandling.CommandMessage;

import java.util.List;
import java.util.Map;

/**
 * Single transfers, deposits and withdrawals that arrived at the same time from different requests, run one after
 * the other in one unit of work: one PostgreSQL transaction and one commit for all of them. Each keeps its own
 * message, so its events carry its own caller and correlation id. Those sent by keyed requests (by their place in
 * {@code commands}) also store their requests' answers in that transaction.
 */
public record TransferGroup(List<CommandMessage<?>> commands, Map<Integer, AnswerInGroup> answers) {

    public TransferGroup {
        commands = List.copyOf(commands);
        answers = Map.copyOf(answers);
    }

    public TransferGroup(List<CommandMessage<?>> commands) {
        this(commands, Map.of());
    }
}
