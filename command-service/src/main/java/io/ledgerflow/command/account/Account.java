package io.ledgerflow.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ledgerflow.command.axon.KeptWeight;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountCreditReserved;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountStateEvent;
import io.ledgerflow.events.account.Balances;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An account's event-sourced state. Commands reach it through the command handlers, which let pure rules decide
 * on its {@link AccountSnapshot} (the transfer rules, {@link AccountLifecycle}) and append what they decided. Its
 * fields are its snapshot (JSON), hence the field visibility.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Account implements KeptWeight {

    /** The event-store stream: the account id in the accounts' namespace ({@link StreamIds}). */
    @AggregateIdentifier
    private String streamId;
    private String id;
    private String ownerId;
    private String currency;
    private Integer code;
    private long overdraftLimit;
    private Map<String, String> metadata;
    private boolean system;
    private AccountStatus status;
    private Balances balances;
    private long version;
    private Instant openedAt;
    private Instant updatedAt;

    protected Account() {
        // for event sourcing
    }

    @Override
    public int keptWeight() {
        return KeptWeight.of(metadata);
    }

    /**
     * This state as it is now, for a snapshot stored after later commands may have changed this one. Every field
     * holds an immutable value, so a field-by-field copy is enough.
     */
    public Account copyForSnapshot() {
        Account copy = new Account();
        copy.streamId = streamId;
        copy.id = id;
        copy.ownerId = ownerId;
        copy.currency = currency;
        copy.code = code;
        copy.overdraftLimit = overdraftLimit;
        copy.metadata = metadata;
        copy.system = system;
        copy.status = status;
        copy.balances = balances;
        copy.version = version;
        copy.openedAt = openedAt;
        copy.updatedAt = updatedAt;
        return copy;
    }

    Account(OpenAccount command) {
        apply(new AccountOpened(command.accountId(), command.ownerId(), command.currency(), command.code(),
                command.overdraftLimit(), command.metadata(), false));
    }

    private Account(AccountOpened opened) {
        apply(opened);
    }

    /** One shard of a currency's settlement account ({@link SettlementShards}), opened by its first leg. */
    public static Account openSettlementShard(String shardId) {
        return new Account(new AccountOpened(shardId, WorldAccount.OWNER, WorldAccount.currencyOf(shardId), null, 0,
                Map.of(), true));
    }

    /** Only a leg that the transfer rules decided for this account (they computed its balances). */
    public void post(AccountDebited leg) {
        apply(leg);
    }

    /** Only a leg that the transfer rules decided for this account (they computed its balances). */
    public void post(AccountCredited leg) {
        apply(leg);
    }

    /** Only a reservation or release that the transfer rules decided for this account (they computed its balances). */
    public void hold(AccountDebitReserved reservation) {
        apply(reservation);
    }

    /** Only a reservation or release that the transfer rules decided for this account (they computed its balances). */
    public void hold(AccountCreditReserved reservation) {
        apply(reservation);
    }

    /** Only a reservation or release that the transfer rules decided for this account (they computed its balances). */
    public void release(AccountReservationReleased release) {
        apply(release);
    }

    /** Only the leg of a pending transfer's resolution that the transfer rules decided (posted or released). */
    public void settle(AccountEvent leg) {
        if (!(leg instanceof AccountDebited || leg instanceof AccountCredited || leg instanceof AccountReservationReleased)) {
            throw new IllegalArgumentException("not a resolution leg: " + leg);
        }
        apply(leg);
    }

    /** Only what {@link AccountLifecycle} decided for this account. */
    void change(AccountStateEvent event) {
        apply(event);
    }

    public AccountSnapshot snapshot() {
        return new AccountSnapshot(id, ownerId, currency, code, overdraftLimit, metadata, system, status, balances,
                version, openedAt, updatedAt);
    }

    @EventSourcingHandler
    void on(AccountOpened event, @Timestamp Instant at) {
        streamId = StreamIds.account(event.accountId());
        id = event.accountId();
        ownerId = event.ownerId();
        currency = event.currency();
        code = event.code();
        overdraftLimit = event.overdraftLimit();
        metadata = event.metadata();
        system = event.system();
        status = AccountStatus.OPEN;
        balances = Balances.ZERO;
        openedAt = at.truncatedTo(ChronoUnit.MILLIS);
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountDebited event, @Timestamp Instant at) {
        balances = event.balances();
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountCredited event, @Timestamp Instant at) {
        balances = event.balances();
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountDebitReserved event, @Timestamp Instant at) {
        balances = event.balances();
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountCreditReserved event, @Timestamp Instant at) {
        balances = event.balances();
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountReservationReleased event, @Timestamp Instant at) {
        balances = event.balances();
        touched(at);
    }

    @EventSourcingHandler
    void on(AccountStateEvent event, @Timestamp Instant at) {
        status = AccountStatus.of(event.state().status());
        overdraftLimit = event.state().overdraftLimit();
        touched(at);
    }

    private void touched(Instant at) {
        version++;
        updatedAt = at.truncatedTo(ChronoUnit.MILLIS);
    }
}
