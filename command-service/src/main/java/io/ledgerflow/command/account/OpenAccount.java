package io.ledgerflow.command.account;

import java.util.Map;

public record OpenAccount(String accountId, String ownerId, String currency, Integer code, long overdraftLimit,
                          Map<String, String> metadata) {

    public OpenAccount {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
