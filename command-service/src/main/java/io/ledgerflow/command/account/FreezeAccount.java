package io.ledgerflow.command.account;

public record FreezeAccount(String accountId) implements AccountStateCommand {
}
