package io.ledgerflow.command.idempotency;

import io.ledgerflow.servicekit.idempotency.StoredResponse;
import io.ledgerflow.command.web.GroupedKeys;
import io.ledgerflow.command.web.KeyedRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link GroupedKeys} over the {@code idempotency_keys} table; the keyed requests are the filter's claims. */
class GroupedKeyStore implements GroupedKeys {

    private final IdempotencyKeys keys;

    GroupedKeyStore(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean holdAll(List<KeyedRequest> requests) {
        return keys.holdAllWhileRunning(requests.stream().map(KeyedAttempt.class::cast).toList());
    }

    @Override
    public boolean storeAll(Map<KeyedRequest, Object> answers) {
        Map<KeyedAttempt, StoredResponse> stored = new LinkedHashMap<>();
        answers.forEach((request, answer) -> stored.put((KeyedAttempt) request, (StoredResponse) answer));
        return keys.completeAll(stored);
    }
}
