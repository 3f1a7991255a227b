package io.ledgerflow.command.account;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The account as docs/api.md spells it; field names are part of the contract. */
public record AccountRepresentation(String id, String ownerId, String currency,
                                    @Schema(types = {"integer", "null"}) Integer code, String status,
                                    long overdraftLimit, long posted, long pendingDebits, long pendingCredits,
                                    long available, long version, Map<String, String> metadata, Instant openedAt,
                                    Instant updatedAt) {

    public static AccountRepresentation of(AccountSnapshot account) {
        return new AccountRepresentation(account.id(), account.ownerId(), account.currency(), account.code(),
                account.status().name(), account.overdraftLimit(), account.balances().posted(),
                account.balances().pendingDebits(), account.balances().pendingCredits(), account.available(),
                account.version(), account.metadata(), account.openedAt(), account.updatedAt());
    }
}
