package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.events.account.AccountOpened;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

@Component
public class AccountCommandHandler {

    private final Repository<Account> accounts;
    private final LedgerLocks locks;
    private final EventStore events;

    public AccountCommandHandler(Repository<Account> accounts, LedgerLocks locks, EventStore events) {
        this.accounts = accounts;
        this.locks = locks;
        this.events = events;
    }

    @CommandHandler
    public AccountOutcome handle(OpenAccount command) {
        locks.lockAccounts(List.of(command.accountId()));
        Optional<Aggregate<Account>> existing = Aggregates.find(accounts, StreamIds.account(command.accountId()));
        if (existing.isEmpty()) {
            Aggregate<Account> opened = Aggregates.create(accounts, () -> new Account(command));
            return new AccountOutcome.Opened(opened.invoke(Account::snapshot));
        }
        AccountSnapshot account = existing.get().invoke(Account::snapshot);
        List<String> differing = differingFields(account, openingOverdraftLimit(account), command);
        return differing.isEmpty()
                ? new AccountOutcome.AlreadyOpened(account)
                : new AccountOutcome.IdConflict(differing);
    }

    /**
     * The overdraft limit the account was opened with: a repeat of the opening compares with what it opened, and an
     * operator may have changed the limit since ({@code ChangeOverdraftLimit}). Read from the opening event, only
     * for repeats: the aggregate keeps the limit it has now, and its snapshots hold nothing else.
     */
    private long openingOverdraftLimit(AccountSnapshot account) {
        if (account.version() == 1) {
            return account.overdraftLimit();
        }
        DomainEventStream stream = events.readEvents(StreamIds.account(account.id()), 0);
        DomainEventMessage<?> opening = stream.next();
        if (!(opening.getPayload() instanceof AccountOpened opened)) {
            throw new IllegalStateException("account " + account.id() + " does not begin with its opening");
        }
        return opened.overdraftLimit();
    }

    private static List<String> differingFields(AccountSnapshot account, long openingOverdraftLimit,
                                                OpenAccount command) {
        List<String> fields = new ArrayList<>();
        if (account.system() || !Objects.equals(account.ownerId(), command.ownerId())) {
            fields.add("ownerId");
        }
        if (!Objects.equals(account.currency(), command.currency())) {
            fields.add("currency");
        }
        if (!Objects.equals(account.code(), command.code())) {
            fields.add("code");
        }
        if (openingOverdraftLimit != command.overdraftLimit()) {
            fields.add("overdraftLimit");
        }
        if (!Objects.equals(account.metadata(), command.metadata())) {
            fields.add("metadata");
        }
        return fields;
    }
}
