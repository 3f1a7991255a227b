package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Posts a transfer by loading the transfer and both accounts into one unit of work: the debit, the credit and
 * the transfer's own event are appended in one PostgreSQL transaction, or none of them is.
 * <p>
 * Locks are taken in one global order (customer accounts by id, then settlement accounts, then the transfer)
 * so two transfers in opposite directions cannot deadlock. Another instance racing us on the same aggregate
 * fails on the event store's unique (aggregate id, sequence) and the command is retried from scratch.
 */
@Component
public class TransferCommandHandler {

    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;

    public TransferCommandHandler(Repository<Account> accounts, Repository<Transfer> transfers) {
        this.accounts = accounts;
        this.transfers = transfers;
    }

    @CommandHandler
    public TransferOutcome handle(TransferFunds command) {
        return execute(command.transferId(), command.terms(), command.actor());
    }

    @CommandHandler
    public TransferOutcome handle(DepositFunds command) {
        return usableAccountCurrency(command.accountId(), command.actor())
                .map(currency -> execute(command.transferId(), new TransferTerms(TransferKind.DEPOSIT,
                        WorldAccount.idFor(currency), command.accountId(), command.amount(), currency,
                        command.reference(), command.metadata()), command.actor()))
                .orElseGet(() -> new TransferOutcome.AccountMissing(command.accountId()));
    }

    @CommandHandler
    public TransferOutcome handle(WithdrawFunds command) {
        return usableAccountCurrency(command.accountId(), command.actor())
                .map(currency -> execute(command.transferId(), new TransferTerms(TransferKind.WITHDRAWAL,
                        command.accountId(), WorldAccount.idFor(currency), command.amount(), currency,
                        command.reference(), command.metadata()), command.actor()))
                .orElseGet(() -> new TransferOutcome.AccountMissing(command.accountId()));
    }

    /** Another owner's account does not exist for a client: no leak of its existence. */
    private Optional<String> usableAccountCurrency(String accountId, Actor actor) {
        return Aggregates.find(accounts, accountId)
                .map(account -> account.invoke(Account::snapshot))
                .filter(account -> actor.mayUse(account.ownerId()))
                .map(AccountSnapshot::currency);
    }

    private TransferOutcome execute(String transferId, TransferTerms terms, Actor actor) {
        Optional<Aggregate<Transfer>> existing = Aggregates.find(transfers, transferId);
        if (existing.isPresent()) {
            TransferSnapshot transfer = existing.get().invoke(Transfer::snapshot);
            return actor.mayUse(transfer.createdBy())
                    ? IdempotentRepeat.answer(transfer, terms)
                    : new TransferOutcome.IdTaken();
        }
        Map<String, Aggregate<Account>> legs = loadInLockOrder(terms);
        Aggregate<Account> debit = legs.get(terms.debitAccountId());
        Aggregate<Account> credit = legs.get(terms.creditAccountId());
        if (terms.kind() == TransferKind.TRANSFER && debit != null && !actor.mayUse(debit.invoke(Account::snapshot).ownerId())) {
            return new TransferOutcome.NotYourAccount(terms.debitAccountId());
        }
        Optional<Rejection> rejection = TransferRules.check(terms, snapshotOf(debit), snapshotOf(credit));
        if (rejection.isPresent()) {
            Aggregate<Transfer> rejected = Aggregates.create(transfers, () -> Transfer.rejected(transferId, terms, rejection.get()));
            return new TransferOutcome.Rejected(rejected.invoke(Transfer::snapshot), true);
        }
        debit.execute(account -> account.debit(transferId, terms.amount()));
        credit.execute(account -> account.credit(transferId, terms.amount()));
        Aggregate<Transfer> posted = Aggregates.create(transfers, () -> Transfer.posted(transferId, terms));
        return new TransferOutcome.Posted(posted.invoke(Transfer::snapshot), true);
    }

    private Map<String, Aggregate<Account>> loadInLockOrder(TransferTerms terms) {
        Map<String, Aggregate<Account>> loaded = new LinkedHashMap<>();
        Stream.of(terms.debitAccountId(), terms.creditAccountId())
                .distinct()
                .sorted(Comparator.comparing(WorldAccount::isWorld).thenComparing(Comparator.naturalOrder()))
                .forEach(id -> loadOrOpenWorld(id, terms.currency()).ifPresent(account -> loaded.put(id, account)));
        return loaded;
    }

    private Optional<Aggregate<Account>> loadOrOpenWorld(String accountId, String currency) {
        Optional<Aggregate<Account>> account = Aggregates.find(accounts, accountId);
        if (account.isEmpty() && WorldAccount.isWorld(accountId) && WorldAccount.currencyOf(accountId).equals(currency)) {
            return Optional.of(Aggregates.create(accounts, () -> Account.openWorld(currency)));
        }
        return account;
    }

    private static AccountSnapshot snapshotOf(Aggregate<Account> account) {
        return account == null ? null : account.invoke(Account::snapshot);
    }
}
