package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import org.axonframework.commandhandling.CommandHandler;
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

    public AccountCommandHandler(Repository<Account> accounts, LedgerLocks locks) {
        this.accounts = accounts;
        this.locks = locks;
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
        List<String> differing = differingFields(account, command);
        return differing.isEmpty()
                ? new AccountOutcome.AlreadyOpened(account)
                : new AccountOutcome.IdConflict(differing);
    }

    private static List<String> differingFields(AccountSnapshot account, OpenAccount command) {
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
        if (account.overdraftLimit() != command.overdraftLimit()) {
            fields.add("overdraftLimit");
        }
        if (!Objects.equals(account.metadata(), command.metadata())) {
            fields.add("metadata");
        }
        return fields;
    }
}
