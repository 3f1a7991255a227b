package io.ledgerflow.command.account;

public record UnfreezeAccount(String accountId) implements AccountStateCommand {
}
