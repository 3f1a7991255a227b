package io.ledgerflow.command.account;

public record ReopenAccount(String accountId) implements AccountStateCommand {
}
