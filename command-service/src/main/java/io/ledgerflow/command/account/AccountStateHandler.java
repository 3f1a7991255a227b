package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Loads the account under its lock, lets {@link AccountLifecycle} decide, and appends what it decided. */
@Component
public class AccountStateHandler {

    private final Repository<Account> accounts;
    private final LedgerLocks locks;

    public AccountStateHandler(Repository<Account> accounts, LedgerLocks locks) {
        this.accounts = accounts;
        this.locks = locks;
    }

    @CommandHandler
    public StateOutcome handle(FreezeAccount command) {
        return change(command);
    }

    @CommandHandler
    public StateOutcome handle(UnfreezeAccount command) {
        return change(command);
    }

    @CommandHandler
    public StateOutcome handle(CloseAccount command) {
        return change(command);
    }

    @CommandHandler
    public StateOutcome handle(ReopenAccount command) {
        return change(command);
    }

    @CommandHandler
    public StateOutcome handle(ChangeOverdraftLimit command) {
        return change(command);
    }

    @CommandHandler
    public StateOutcome handle(IfMatchAccount command) {
        return change(command.command(), command.condition());
    }

    private StateOutcome change(AccountStateCommand command) {
        return change(command, IfMatch.ANY);
    }

    private StateOutcome change(AccountStateCommand command, IfMatch condition) {
        locks.lockAccounts(List.of(command.accountId()));
        Optional<Aggregate<Account>> found = Aggregates.find(accounts, StreamIds.account(command.accountId()));
        AccountSnapshot before = found.map(account -> account.invoke(Account::snapshot)).orElse(null);
        if (before == null || before.system()) {
            return new StateOutcome.NotFound(command.accountId());
        }
        if (!condition.matches(before.version())) {
            return new StateOutcome.VersionMismatch(before.version());
        }
        StateDecision decision = AccountLifecycle.decide(command, before);
        if (decision instanceof StateDecision.Record record) {
            Aggregate<Account> account = found.get();
            account.execute(a -> a.change(record.event()));
            return new StateOutcome.Changed(account.invoke(Account::snapshot));
        }
        if (decision instanceof StateDecision.Refuse refuse) {
            return new StateOutcome.Refused(refuse.code(), refuse.detail());
        }
        return new StateOutcome.Unchanged(before);
    }
}
