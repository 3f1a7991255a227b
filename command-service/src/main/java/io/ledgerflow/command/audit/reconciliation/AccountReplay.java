package io.ledgerflow.command.audit.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.audit.balance.BalanceFold;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventTypes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays one account's stored events, in sequence order, up to a target sequence, from their amounts
 * ({@link BalanceFold}: a debit lowers posted, a credit raises it, a reservation raises a pending side), never from
 * the balances they carry: an event whose amount was changed in the store shows as a difference. The opening gives
 * the owner and currency; an account event whose payload cannot be read leaves the balances and state unknown.
 */
final class AccountReplay {

    /** The account event class of a stored payload type; empty for any other event. */
    private static final Map<String, Optional<Class<? extends AccountEvent>>> TYPES = new ConcurrentHashMap<>();

    private final String accountId;
    private final long targetSequence;
    private long lastSequence = -1;
    private byte[] opening;
    private BalanceFold fold = new BalanceFold();
    private boolean unreadable;

    AccountReplay(String accountId, long targetSequence) {
        this.accountId = accountId;
        this.targetSequence = targetSequence;
    }

    String accountId() {
        return accountId;
    }

    /** The next stored event of the stream: its sequence, its stored class name and its payload bytes. */
    void add(long sequence, String payloadType, byte[] payload, StoredPayloads payloads) {
        lastSequence = Math.max(lastSequence, sequence);
        if (sequence > targetSequence) {
            return;
        }
        Optional<Class<? extends AccountEvent>> type = TYPES.computeIfAbsent(payloadType, AccountReplay::typeOf);
        if (type.isEmpty()) {
            return; // not an account event: nothing of the account's facts
        }
        if (type.get() == AccountOpened.class) {
            opening = payload;
            fold = new BalanceFold();
            unreadable = false;
        }
        Optional<? extends AccountEvent> event = payloads.read(payload, type.get());
        if (event.isEmpty()) {
            unreadable = true;
        } else {
            fold.apply(event.get());
        }
    }

    StoredAccount result(StoredPayloads payloads) {
        if (lastSequence < targetSequence || opening == null) {
            return new StoredAccount(accountId, lastSequence, null);
        }
        JsonNode opened = payloads.parse(opening);
        boolean known = fold.opened() && !unreadable;
        return new StoredAccount(accountId, lastSequence, new AccountFacts(text(opened, "ownerId"),
                text(opened, "currency"), known ? fold.status().name() : null, known ? fold.overdraftLimit() : null,
                known ? fold.balances().posted() : null, known ? fold.balances().pendingDebits() : null,
                known ? fold.balances().pendingCredits() : null));
    }

    private static Optional<Class<? extends AccountEvent>> typeOf(String payloadType) {
        return EventTypes.typeOfClassName(payloadType).flatMap(EventTypes::classOf)
                .filter(AccountEvent.class::isAssignableFrom)
                .map(eventClass -> eventClass.asSubclass(AccountEvent.class));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
