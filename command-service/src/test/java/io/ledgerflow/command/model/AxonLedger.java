package io.ledgerflow.command.model;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.axon.StreamCheckedRepository;
import io.ledgerflow.command.account.AccountCommandHandler;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.AccountStateHandler;
import io.ledgerflow.command.account.SettlementShards;
import io.ledgerflow.events.account.SettlementAccounts;
import io.ledgerflow.command.account.ChangeOverdraftLimit;
import io.ledgerflow.command.account.CloseAccount;
import io.ledgerflow.command.account.FreezeAccount;
import io.ledgerflow.command.account.OpenAccount;
import io.ledgerflow.command.account.ReopenAccount;
import io.ledgerflow.command.account.UnfreezeAccount;
import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.model.LedgerCommand.Act;
import io.ledgerflow.command.model.LedgerCommand.Batch;
import io.ledgerflow.command.model.LedgerCommand.Deposit;
import io.ledgerflow.command.model.LedgerCommand.Expire;
import io.ledgerflow.command.model.LedgerCommand.Move;
import io.ledgerflow.command.model.LedgerCommand.Open;
import io.ledgerflow.command.model.LedgerCommand.Post;
import io.ledgerflow.command.model.LedgerCommand.SetOverdraft;
import io.ledgerflow.command.model.LedgerCommand.Tick;
import io.ledgerflow.command.model.LedgerCommand.VoidPending;
import io.ledgerflow.command.model.LedgerCommand.Who;
import io.ledgerflow.command.model.LedgerCommand.Withdraw;
import io.ledgerflow.command.model.LedgerView.AccountView;
import io.ledgerflow.command.model.LedgerView.Balance;
import io.ledgerflow.command.model.LedgerView.TransferView;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.RecordingExpiries;
import io.ledgerflow.command.transfer.Resolution;
import io.ledgerflow.command.transfer.ResolvePendingTransfer;
import io.ledgerflow.command.transfer.Transfer;
import io.ledgerflow.command.transfer.TransferCommandHandler;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.TransferSnapshot;
import io.ledgerflow.command.transfer.TransferStatus;
import io.ledgerflow.command.transfer.WithdrawFunds;
import io.ledgerflow.command.transfer.batch.BatchCommandHandler;
import io.ledgerflow.command.transfer.batch.BatchItem;
import io.ledgerflow.command.transfer.batch.BatchOutcome;
import io.ledgerflow.command.transfer.batch.TransferBatch;
import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AbstractRepository;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.lang.reflect.Field;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The system under test: the production command handlers ({@link AccountCommandHandler}, {@link AccountStateHandler},
 * {@link TransferCommandHandler}, {@link BatchCommandHandler}) on real event-sourced {@link Account} and {@link
 * Transfer} aggregates, over Axon's in-memory event store, each command in its own unit of work as the command bus
 * would run it. No Spring, no database: locks are no-ops (one thread), the expiry schedule is {@link
 * RecordingExpiries}, and time is a clock the run moves.
 * <p>
 * After each command it reloads (replays) every aggregate the command appended events to, so {@link #view()} is
 * what the aggregates hold, and it counts every transfer id's terminal events and money legs as they are appended.
 */
final class AxonLedger implements AutoCloseable {

    private static final AggregateModel<Account> ACCOUNT_MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Account.class);
    private static final AggregateModel<Transfer> TRANSFER_MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Transfer.class);
    private static final String EXPIRY_PRINCIPAL = "system:expiry";

    static {
        // as application.yml has it: an id seen for the first time is a normal miss, not a warning with a stack trace
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AbstractRepository.class))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
    }

    private final MovableClock clock;
    private final Clock previousEventClock;
    private final EmbeddedEventStore store;
    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;
    private final RecordingExpiries expiries = new RecordingExpiries();
    private final AccountCommandHandler openings;
    private final AccountStateHandler states;
    private final TransferCommandHandler transferHandler;
    private final BatchCommandHandler batches;
    private final List<EventMessage<?>> appended = new ArrayList<>();
    private final Map<String, AccountSnapshot> accountStates = new TreeMap<>();
    private final Map<String, TransferSnapshot> transferStates = new TreeMap<>();
    private final Map<String, TransferEffects> effects = new TreeMap<>();

    AxonLedger(Instant start) {
        clock = new MovableClock(start);
        previousEventClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        store.subscribe(appended::addAll);
        // the production repositories, with their cache of aggregates (small, so that some are evicted)
        accounts = StreamCheckedRepository.create(ACCOUNT_MODEL, store, NoSnapshotTriggerDefinition.INSTANCE, 4);
        transfers = StreamCheckedRepository.create(TRANSFER_MODEL, store, NoSnapshotTriggerDefinition.INSTANCE, 4);
        LedgerLocks locks = streamId -> { };
        openings = new AccountCommandHandler(accounts, locks, store);
        states = new AccountStateHandler(accounts, locks);
        transferHandler = withClock(new TransferCommandHandler(accounts, transfers, locks, expiries,
                new SettlementShards(locks)), clock);
        batches = withClock(new BatchCommandHandler(accounts, transfers, locks, expiries), clock);
    }

    /** The handler reads {@code Clock.systemUTC()} into a final field; the run's clock replaces it. */
    private static <H> H withClock(H handler, Clock clock) {
        try {
            Field field = handler.getClass().getDeclaredField("clock");
            field.setAccessible(true);
            field.set(handler, clock);
            return handler;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(handler.getClass().getSimpleName() + " has no clock field to replace", e);
        }
    }

    @Override
    public void close() {
        GenericEventMessage.clock = previousEventClock;
        store.shutDown();
    }

    String execute(LedgerCommand command) {
        if (command instanceof Open open) {
            return Answers.of(run(Who.OPS, command, () -> openings.handle(new OpenAccount(open.accountId(),
                    open.ownerId(), open.currency(), null, open.overdraftLimit(), Map.of()))));
        }
        if (command instanceof Deposit deposit) {
            return Answers.of(transfer(Who.OPS, command, () -> transferHandler.handle(new DepositFunds(
                    deposit.transferId(), deposit.accountId(), deposit.amount(), deposit.reference(), Map.of(),
                    actor(Who.OPS)))));
        }
        if (command instanceof Withdraw withdraw) {
            return Answers.of(transfer(Who.OPS, command, () -> transferHandler.handle(new WithdrawFunds(
                    withdraw.transferId(), withdraw.accountId(), withdraw.amount(), withdraw.reference(), Map.of(),
                    actor(Who.OPS)))));
        }
        if (command instanceof Move move) {
            TransferTerms terms = new TransferTerms(TransferKind.TRANSFER, move.debitAccountId(),
                    move.creditAccountId(), move.amount(), move.currency(), move.reference(), Map.of());
            return Answers.of(transfer(move.actor(), command, () -> transferHandler.handle(new TransferFunds(
                    move.transferId(), terms, actor(move.actor()), move.pending(), move.timeoutSeconds()))));
        }
        if (command instanceof Post post) {
            return resolve(post.actor(), post.transferId(), new Resolution.PostPending(post.amount()));
        }
        if (command instanceof VoidPending voiding) {
            return resolve(voiding.actor(), voiding.transferId(), new Resolution.VoidPending());
        }
        if (command instanceof Expire expire) {
            return expire(expire.transferId());
        }
        if (command instanceof Tick tick) {
            clock.advance(tick.seconds());
            if (!tick.runJob()) {
                return "TICK";
            }
            List<String> expired = new ArrayList<>();
            expiries.dueAt(clock.instant()).forEach(id -> expired.add(id + "=" + expire(id)));
            return "JOB" + expired;
        }
        if (command instanceof Act act) {
            return Answers.of(run(Who.OPS, command, () -> switch (act.action()) {
                case FREEZE -> states.handle(new FreezeAccount(act.accountId()));
                case UNFREEZE -> states.handle(new UnfreezeAccount(act.accountId()));
                case CLOSE -> states.handle(new CloseAccount(act.accountId()));
                case REOPEN -> states.handle(new ReopenAccount(act.accountId()));
            }));
        }
        if (command instanceof SetOverdraft limit) {
            return Answers.of(run(Who.OPS, command, () -> states.handle(new ChangeOverdraftLimit(limit.accountId(),
                    limit.overdraftLimit()))));
        }
        if (command instanceof Batch batch) {
            List<BatchItem> items = batch.items().stream().map(item -> new BatchItem(item.transferId(),
                    new TransferTerms(TransferKind.TRANSFER, item.debitAccountId(), item.creditAccountId(),
                            item.amount(), item.currency(), item.reference(), Map.of()), item.pending(),
                    item.timeoutSeconds())).toList();
            TransferBatch sent = new TransferBatch(items, actor(batch.actor()));
            BatchOutcome outcome = run(batch.actor(), command, () -> batches.handle(sent));
            while (outcome instanceof BatchOutcome.HoldsExpiring expiring) {
                expiring.dueHolds().forEach(this::expire);
                outcome = run(batch.actor(), command, () -> batches.handle(sent));
            }
            return Answers.of(outcome);
        }
        throw new IllegalArgumentException("not a concrete command: " + command);
    }

    private String resolve(Who who, String transferId, Resolution resolution) {
        ResolvePendingTransfer command = new ResolvePendingTransfer(transferId, resolution, actor(who));
        return Answers.of(run(who, command, () -> transferHandler.handle(command)));
    }

    /**
     * What {@link io.ledgerflow.command.transfer.PendingExpiryJob} sends for one id: for a due row, or for a row it
     * read before something else resolved the transfer. A hold that is not due is never sent one.
     */
    private String expire(String transferId) {
        TransferSnapshot known = transferStates.get(transferId);
        Instant due = expiries.rows().get(transferId);
        if (known != null && known.status() == TransferStatus.PENDING && (due == null || due.isAfter(clock.instant()))) {
            return "SKIPPED";
        }
        ResolvePendingTransfer command = new ResolvePendingTransfer(transferId, new Resolution.ExpirePending(),
                new Actor(EXPIRY_PRINCIPAL, true));
        return Answers.of(run(EXPIRY_PRINCIPAL, command, () -> transferHandler.handle(command)));
    }

    /** As {@code Commands} sends it: the due holds an outcome names are expired, and the command sent again. */
    private TransferOutcome transfer(Who who, Object command, Callable<TransferOutcome> handler) {
        TransferOutcome outcome = run(who, command, handler);
        while (outcome instanceof TransferOutcome.HoldsExpiring expiring) {
            expiring.dueHolds().forEach(this::expire);
            outcome = run(who, command, handler);
        }
        return outcome;
    }

    private static Actor actor(Who who) {
        return new Actor(who.subject, who.operator);
    }

    private <R> R run(Who who, Object command, Callable<R> handler) {
        return run(who.subject, command, handler);
    }

    /** One command in one unit of work, with the principal on its metadata as the web layer puts it. */
    private <R> R run(String principal, Object command, Callable<R> handler) {
        appended.clear();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(LedgerCorrelationData.PRINCIPAL, principal)));
        unitOfWork.registerCorrelationDataProvider(new LedgerCorrelationData());
        ResultMessage<R> result = unitOfWork.executeWithResult(handler);
        if (result.isExceptional()) {
            throw new AssertionError("the handler failed on " + command, result.exceptionResult());
        }
        record(List.copyOf(appended));
        return result.getPayload();
    }

    /** Counts terminal events and money legs per transfer id, then replays every aggregate that changed. */
    private void record(List<EventMessage<?>> events) {
        Set<String> changed = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            changed.add(((DomainEventMessage<?>) event).getAggregateIdentifier());
            Object payload = event.getPayload();
            String transferId = transferIdOf(payload);
            if (transferId != null) {
                TransferEffects effect = effects.computeIfAbsent(transferId, id -> new TransferEffects());
                effect.add(payload);
            }
        }
        changed.forEach(this::reload);
    }

    private static String transferIdOf(Object payload) {
        if (payload instanceof TransferEvent event) {
            return event.transferId();
        }
        if (payload instanceof AccountDebited leg) {
            return leg.transferId();
        }
        if (payload instanceof AccountCredited leg) {
            return leg.transferId();
        }
        return null;
    }

    private void reload(String streamId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("read"));
        try {
            if (streamId.startsWith(StreamIds.ACCOUNT_PREFIX)) {
                AccountSnapshot account = accounts.load(streamId).invoke(Account::snapshot);
                accountStates.put(account.id(), account);
            } else {
                TransferSnapshot transfer = transfers.load(streamId).invoke(Transfer::snapshot);
                transferStates.put(transfer.id(), transfer);
            }
        } finally {
            unitOfWork.rollback();
        }
    }

    /** Per transfer id, its transfer events and posted legs, as they were appended. */
    Map<String, TransferEffects> effects() {
        return effects;
    }

    /** The raw account snapshots, settlement accounts included, as the aggregates hold them. */
    Map<String, AccountSnapshot> accountSnapshots() {
        return accountStates;
    }

    LedgerView view() {
        Map<String, AccountView> customers = new TreeMap<>();
        Map<String, Balance> settlements = new TreeMap<>();
        accountStates.values().forEach(a -> {
            Balance balance = new Balance(BigInteger.valueOf(a.balances().posted()),
                    BigInteger.valueOf(a.balances().pendingDebits()), BigInteger.valueOf(a.balances().pendingCredits()));
            if (a.system()) {
                // a settlement account's balances are its shards' summed
                settlements.merge(SettlementAccounts.accountOf(a.id()), balance, (x, y) -> new Balance(
                        x.posted().add(y.posted()), x.pendingDebits().add(y.pendingDebits()),
                        x.pendingCredits().add(y.pendingCredits())));
            } else {
                customers.put(a.id(), new AccountView(a.id(), a.ownerId(), a.currency(), a.status().name(),
                        a.overdraftLimit(), balance, a.version()));
            }
        });
        Map<String, TransferView> views = new TreeMap<>();
        transferStates.values().forEach(t -> views.put(t.id(), new TransferView(t.id(), t.terms().kind().name(),
                t.terms().debitAccountId(), t.terms().creditAccountId(), t.terms().amount(), t.terms().currency(),
                t.terms().reference(), t.pending(), t.timeoutSeconds(), t.createdBy(), t.status().name(),
                t.rejection() == null ? null : t.rejection().code().name(), t.postedAmount(), t.createdAt(),
                t.resolvedAt())));
        return new LedgerView(customers, settlements, views, new TreeMap<>(expiries.rows()));
    }
}
