package io.ledgerflow.command.transfer;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.security.Actor;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Posts a transfer by loading the transfer and both accounts into one unit of work: the debit, the credit and
 * the transfer's own event are appended in one PostgreSQL transaction, or none of them is.
 * <p>
 * Every aggregate is locked ({@link LedgerLocks}) before it is read, in one global order, so commands on the same
 * aggregates queue instead of racing, in this instance and in any other. The legs are applied in lock order too,
 * so the rows are inserted in the same order by every transaction.
 */
@Component
public class TransferCommandHandler {

    private final Repository<Account> accounts;
    private final Repository<Transfer> transfers;
    private final LedgerLocks locks;

    public TransferCommandHandler(Repository<Account> accounts, Repository<Transfer> transfers, LedgerLocks locks) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.locks = locks;
    }

    @CommandHandler
    public TransferOutcome handle(TransferFunds command) {
        TransferTerms terms = command.terms();
        return existing(command.transferId(), terms, command.actor()).orElseGet(() -> {
            locks.lockAccounts(List.of(terms.debitAccountId(), terms.creditAccountId()));
            return execute(command.transferId(), terms, command.actor());
        });
    }

    @CommandHandler
    public TransferOutcome handle(DepositFunds command) {
        return movement(command.transferId(), command.accountId(), command.actor(), currency -> new TransferTerms(
                TransferKind.DEPOSIT, WorldAccount.idFor(currency), command.accountId(), command.amount(), currency,
                command.reference(), command.metadata()));
    }

    @CommandHandler
    public TransferOutcome handle(WithdrawFunds command) {
        return movement(command.transferId(), command.accountId(), command.actor(), currency -> new TransferTerms(
                TransferKind.WITHDRAWAL, command.accountId(), WorldAccount.idFor(currency), command.amount(), currency,
                command.reference(), command.metadata()));
    }

    /** A deposit or withdrawal: the account in the path decides the currency, hence the settlement account. */
    private TransferOutcome movement(String transferId, String accountId, Actor actor,
                                     java.util.function.Function<String, TransferTerms> termsInCurrency) {
        locks.lockTransfer(transferId);
        locks.lockAccounts(List.of(accountId));
        Optional<String> currency = usableAccountCurrency(accountId, actor);
        if (currency.isEmpty()) {
            return new TransferOutcome.AccountMissing(accountId);
        }
        TransferTerms terms = termsInCurrency.apply(currency.get());
        return existingTransfer(transferId, terms, actor).orElseGet(() -> {
            locks.lockSettlement(WorldAccount.idFor(currency.get()));
            return execute(transferId, terms, actor);
        });
    }

    /** Another owner's account does not exist for a client: no leak of its existence. */
    private Optional<String> usableAccountCurrency(String accountId, Actor actor) {
        return Aggregates.find(accounts, StreamIds.account(accountId))
                .map(account -> account.invoke(Account::snapshot))
                .filter(account -> !account.system() && actor.mayUse(account.ownerId()))
                .map(AccountSnapshot::currency);
    }

    /** Locks the transfer id and answers a repeat from what is stored: a repeat never tries an insert. */
    private Optional<TransferOutcome> existing(String transferId, TransferTerms terms, Actor actor) {
        locks.lockTransfer(transferId);
        return existingTransfer(transferId, terms, actor);
    }

    private Optional<TransferOutcome> existingTransfer(String transferId, TransferTerms terms, Actor actor) {
        return Aggregates.find(transfers, StreamIds.transfer(transferId))
                .map(existing -> existing.invoke(Transfer::snapshot))
                .map(transfer -> actor.mayUse(transfer.createdBy())
                        ? IdempotentRepeat.answer(transfer, terms)
                        : new TransferOutcome.IdTaken());
    }

    /** All of the command's aggregates are locked by now. */
    private TransferOutcome execute(String transferId, TransferTerms terms, Actor actor) {
        Aggregate<Account> debit = loadOrOpenWorld(terms.debitAccountId(), terms.currency());
        Aggregate<Account> credit = loadOrOpenWorld(terms.creditAccountId(), terms.currency());
        AccountSnapshot debitAccount = snapshotOf(debit);
        if (debitAccount != null && !actor.mayUse(debitAccount.ownerId())) {
            // exactly what an unknown account gets, recorded and sticky like it
            debitAccount = null;
        }
        Optional<Rejection> rejection = TransferRules.check(terms, debitAccount, snapshotOf(credit));
        if (rejection.isPresent()) {
            Aggregate<Transfer> rejected = Aggregates.create(transfers, () -> Transfer.rejected(transferId, terms, rejection.get()));
            return new TransferOutcome.Rejected(rejected.invoke(Transfer::snapshot), true);
        }
        if (LedgerLocks.inLockOrder(terms.debitAccountId(), terms.creditAccountId())) {
            debit.execute(account -> account.debit(transferId, terms.amount()));
            credit.execute(account -> account.credit(transferId, terms.amount()));
        } else {
            credit.execute(account -> account.credit(transferId, terms.amount()));
            debit.execute(account -> account.debit(transferId, terms.amount()));
        }
        Aggregate<Transfer> posted = Aggregates.create(transfers, () -> Transfer.posted(transferId, terms));
        return new TransferOutcome.Posted(posted.invoke(Transfer::snapshot), true);
    }

    /** @return the account, or null when it does not exist */
    private Aggregate<Account> loadOrOpenWorld(String accountId, String currency) {
        Optional<Aggregate<Account>> account = Aggregates.find(accounts, StreamIds.account(accountId));
        if (account.isEmpty() && WorldAccount.isWorld(accountId) && WorldAccount.currencyOf(accountId).equals(currency)) {
            return Aggregates.create(accounts, () -> Account.openWorld(currency));
        }
        return account.orElse(null);
    }

    private static AccountSnapshot snapshotOf(Aggregate<Account> account) {
        return account == null ? null : account.invoke(Account::snapshot);
    }
}
