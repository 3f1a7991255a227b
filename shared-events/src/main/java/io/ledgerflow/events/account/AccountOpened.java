package io.ledgerflow.events.account;

import io.ledgerflow.events.MayBeNull;
import io.ledgerflow.events.Revision;

import java.util.Map;

/** {@code system} marks a settlement account ({@code @world:<CUR>}), the only one allowed below zero without limit. */
@Revision("1")
public record AccountOpened(String accountId, String ownerId, String currency, @MayBeNull Integer code,
                            long overdraftLimit, Map<String, String> metadata, boolean system) implements AccountEvent {

    public AccountOpened {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public <R> R accept(AccountEvent.Visitor<R> visitor) {
        return visitor.opened(this);
    }
}
