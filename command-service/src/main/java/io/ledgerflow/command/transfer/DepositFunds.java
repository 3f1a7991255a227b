package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;

import java.util.Map;

/** Money arriving from outside: debits {@code @world:<CUR>}, credits the account. */
public record DepositFunds(String transferId, String accountId, long amount, String reference,
                           Map<String, String> metadata, Actor actor) {
}
