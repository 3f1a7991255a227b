package io.ledgerflow.command.audit.balance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.envelope.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replays an account's stored events, in sequence order, up to the first one stamped after the instant: a stream
 * is applied as a prefix, never with holes, so what each event carries can be checked against the replay.
 */
@Component
public class BalanceReplay {

    private static final Logger LOG = LoggerFactory.getLogger(BalanceReplay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Events read per query: however long the account's history, no more of it is in memory at once. */
    static final int PAGE = 1_000;

    private final StoredEvents events;

    public BalanceReplay(StoredEvents events) {
        this.events = events;
    }

    /** The account's events in sequence order, read a page at a time as the replay asks for them. */
    private Stream<AuditedEvent> streamOf(String accountId) {
        String streamId = "account/" + accountId;
        return Stream.iterate(events.ofStream(streamId, -1, PAGE),
                        page -> !page.isEmpty(),
                        page -> page.size() < PAGE ? List.of()
                                : events.ofStream(streamId, page.get(page.size() - 1).sequence(), PAGE))
                .flatMap(List::stream);
    }

    /** Empty when the account was not opened by {@code asOf}. */
    public Optional<BalanceAsOf> asOf(String accountId, Instant asOf) {
        BalanceFold fold = new BalanceFold();
        List<BalanceAsOf.Inconsistency> inconsistencies = new ArrayList<>();
        AuditedEvent last = null;
        for (AuditedEvent stored : (Iterable<AuditedEvent>) streamOf(accountId)::iterator) {
            Optional<Instant> at = timestamp(stored);
            if (at.isPresent() && at.get().isAfter(asOf)) {
                break;
            }
            Optional<String> anomaly;
            try {
                anomaly = at.isEmpty() ? Optional.of("its timestamp is not an ISO-8601 instant")
                        : fold.apply(accountEvent(stored));
            } catch (UnreadableEvent e) {
                anomaly = Optional.of(e.getMessage());
            }
            anomaly.ifPresent(detail -> inconsistencies.add(
                    new BalanceAsOf.Inconsistency(stored.position(), stored.sequence(), detail)));
            last = stored;
        }
        if (!fold.opened()) {
            return Optional.empty();
        }
        if (!inconsistencies.isEmpty()) {
            LOG.error("audit balance: account {} does not replay to the balances its events carry: {}", accountId,
                    inconsistencies);
        }
        var balances = fold.balances();
        return Optional.of(new BalanceAsOf(accountId, asOf, fold.currency(), fold.status().name(),
                fold.overdraftLimit(), balances.posted(), balances.pendingDebits(), balances.pendingCredits(),
                fold.available(), last.sequence(), last.position(), inconsistencies.isEmpty(),
                List.copyOf(inconsistencies)));
    }

    /**
     * The settlement account of {@code currency} as one account, as the query side shows it: its shards replayed and
     * summed. Empty when no shard was opened by {@code asOf}.
     */
    public Optional<BalanceAsOf> settlementAsOf(String currency, Instant asOf) {
        List<BalanceAsOf> shards = SettlementAccounts.shardIds(currency).stream()
                .map(shard -> asOf(shard, asOf))
                .flatMap(Optional::stream)
                .toList();
        return shards.isEmpty() ? Optional.empty()
                : Optional.of(SettlementBalance.sum(SettlementAccounts.idFor(currency), asOf, shards));
    }

    private static Optional<Instant> timestamp(AuditedEvent event) {
        try {
            return Optional.of(Instant.parse(event.timestamp()));
        } catch (DateTimeException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static AccountEvent accountEvent(AuditedEvent stored) {
        Class<? extends LedgerEvent> type = EventTypes.classOf(stored.type())
                .filter(AccountEvent.class::isAssignableFrom)
                .orElseThrow(() -> new UnreadableEvent("type " + stored.type() + " is not an account event"));
        AccountEvent event;
        try {
            event = (AccountEvent) JSON.treeToValue(stored.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEvent("its payload is not a " + type.getSimpleName());
        }
        if (event == null) {
            throw new UnreadableEvent("its payload is null");
        }
        return event;
    }

    private static final class UnreadableEvent extends RuntimeException {
        UnreadableEvent(String message) {
            super(message);
        }
    }
}
