package io.ledgerflow.command.account;

public record ChangeOverdraftLimit(String accountId, long overdraftLimit) implements AccountStateCommand {
}
