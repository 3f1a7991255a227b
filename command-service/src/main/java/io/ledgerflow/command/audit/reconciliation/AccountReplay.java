package io.ledgerflow.command.audit.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountStateEvent;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.envelope.EventTypes;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays one account's stored events, in sequence order, up to a target sequence. Every event carries the complete
 * group of fields it changes (the balances, or the status with the overdraft limit), so the facts after an event are
 * those of the newest event of each group at or before it. Only the payloads of those events are read: a long
 * stream costs a row each, not a JSON parse each.
 */
final class AccountReplay {

    private enum Kind { OPENING, BALANCES, STATE, OTHER }

    private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();

    private final String accountId;
    private final long targetSequence;
    private long lastSequence = -1;
    private byte[] opening;
    private byte[] balances;
    private byte[] state;

    AccountReplay(String accountId, long targetSequence) {
        this.accountId = accountId;
        this.targetSequence = targetSequence;
    }

    String accountId() {
        return accountId;
    }

    /** The next stored event of the stream: its sequence, its stored class name and its payload bytes. */
    void add(long sequence, String payloadType, byte[] payload) {
        lastSequence = Math.max(lastSequence, sequence);
        if (sequence > targetSequence) {
            return;
        }
        switch (KINDS.computeIfAbsent(payloadType, AccountReplay::kindOf)) {
            case OPENING -> {
                opening = payload;
                balances = null;
                state = null;
            }
            case BALANCES -> balances = payload;
            case STATE -> state = payload;
            case OTHER -> {
                // not an account event: nothing of the account's facts
            }
        }
    }

    StoredAccount result(StoredPayloads payloads) {
        if (lastSequence < targetSequence || opening == null) {
            return new StoredAccount(accountId, lastSequence, null);
        }
        JsonNode opened = payloads.parse(opening);
        String status = AccountStatus.OPEN.name();
        Long overdraftLimit = number(opened, "overdraftLimit");
        Long posted = 0L;
        Long pendingDebits = 0L;
        Long pendingCredits = 0L;
        if (state != null) {
            JsonNode after = payloads.parse(state).path("state");
            status = text(after, "status");
            overdraftLimit = number(after, "overdraftLimit");
        }
        if (balances != null) {
            JsonNode after = payloads.parse(balances).path("balances");
            posted = number(after, "posted");
            pendingDebits = number(after, "pendingDebits");
            pendingCredits = number(after, "pendingCredits");
        }
        return new StoredAccount(accountId, lastSequence, new AccountFacts(text(opened, "ownerId"),
                text(opened, "currency"), status, overdraftLimit, posted, pendingDebits, pendingCredits));
    }

    private static Kind kindOf(String payloadType) {
        Optional<Class<?>> type = EventTypes.typeOfClassName(payloadType)
                .flatMap(EventTypes::classOf).map(eventClass -> (Class<?>) eventClass);
        if (type.isEmpty()) {
            return Kind.OTHER;
        }
        Class<?> eventClass = type.get();
        if (eventClass == AccountOpened.class) {
            return Kind.OPENING;
        }
        if (AccountStateEvent.class.isAssignableFrom(eventClass)) {
            return Kind.STATE;
        }
        return hasBalances(eventClass) ? Kind.BALANCES : Kind.OTHER;
    }

    private static boolean hasBalances(Class<?> eventClass) {
        return eventClass.isRecord() && Arrays.stream(eventClass.getRecordComponents())
                .anyMatch(component -> component.getName().equals("balances"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
    }
}
