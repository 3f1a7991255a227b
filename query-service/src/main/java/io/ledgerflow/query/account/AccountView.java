package io.ledgerflow.query.account;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** The account representation of the API contract; the component order is the JSON field order. */
public record AccountView(String id, String ownerId, String currency,
                          @Schema(types = {"integer", "null"}) Integer code, String status,
                          long overdraftLimit, long posted, long pendingDebits, long pendingCredits, long available,
                          long version, Map<String, String> metadata, Instant openedAt, Instant updatedAt) {

    /** The same account under the id it was asked by. */
    AccountView withId(String asked) {
        return asked.equals(id) ? this : new AccountView(asked, ownerId, currency, code, status, overdraftLimit, posted,
                pendingDebits, pendingCredits, available, version, metadata, openedAt, updatedAt);
    }
}
