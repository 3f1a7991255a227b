package io.ledgerflow.command.transfer;

import io.ledgerflow.command.security.Actor;

import java.util.Map;

/** Money leaving to the outside: debits the account, credits {@code @world:<CUR>}. */
public record WithdrawFunds(String transferId, String accountId, long amount, String reference,
                            Map<String, String> metadata, Actor actor) {
}
