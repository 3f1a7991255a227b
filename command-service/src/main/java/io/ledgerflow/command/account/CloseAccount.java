package io.ledgerflow.command.account;

public record CloseAccount(String accountId) implements AccountStateCommand {
}
