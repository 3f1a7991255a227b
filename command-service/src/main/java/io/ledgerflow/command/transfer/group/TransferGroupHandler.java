package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.account.Account;
import io.ledgerflow.command.account.AccountSnapshot;
import io.ledgerflow.command.account.SettlementShards;
import io.ledgerflow.command.account.WorldAccount;
import io.ledgerflow.command.axon.Aggregates;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.StreamIds;
import io.ledgerflow.command.consistency.CommandFootprints;
import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.transfer.TransferCommandHandler;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.WithdrawFunds;
import io.ledgerflow.command.web.GroupedKeys;
import io.ledgerflow.command.web.KeyedRequest;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs a {@link TransferGroup}: every lock its commands will ask for is taken first, in the global lock order
 * (transfer ids by key, then customer accounts by key, then a free shard of each settlement account, currencies in
 * code order: {@link SettlementShards}), so a group queues behind other commands like any single one and never
 * deadlocks with them. Then each command runs exactly as it would alone
 * ({@link TransferCommandHandler}), in arrival order, against the state the commands before it left; its own lock
 * requests are already satisfied. While a command runs, the unit of work's message is that command's, so the events
 * it applies carry its caller, correlation and causation ids. Any exception rolls back the whole group; the sender
 * then has each command run alone ({@link TransferGrouping}). A group waits for a lock held elsewhere no longer than
 * {@link GroupingProperties#lockWait()}, so a command that waits for a busy account holds up the commands that
 * arrived with it only that long; alone, it then waits as any command does. A keyed request's command holds its key
 * before any lock of the ledger, and its request's answer is stored after the commands ran, before the commit.
 */
@Component
public class TransferGroupHandler {

    /** How long a group waits for a keyed request to render its answer (it holds its accounts meanwhile). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

    private final TransferCommandHandler transfers;
    private final Repository<Account> accounts;
    private final LedgerLocks locks;
    private final SettlementShards shards;
    private final GroupingProperties grouping;
    private final CommandFootprints footprints;
    private final GroupedKeys keys;

    public TransferGroupHandler(TransferCommandHandler transfers, Repository<Account> accounts, LedgerLocks locks,
                                SettlementShards shards, GroupingProperties grouping, CommandFootprints footprints,
                                GroupedKeys keys) {
        this.transfers = transfers;
        this.accounts = accounts;
        this.locks = locks;
        this.shards = shards;
        this.grouping = grouping;
        this.footprints = footprints;
        this.keys = keys;
    }

    @CommandHandler
    public List<TransferOutcome> handle(TransferGroup group) {
        locks.limitLockWaits(grouping.lockWait());
        List<KeyedRequest> keyed = group.answers().values().stream().map(AnswerInGroup::keyed).toList();
        if (!keyed.isEmpty() && !keys.holdAll(keyed)) {
            throw new IllegalStateException("an Idempotency-Key of the group is no longer its request's");
        }
        lockInGlobalOrder(group.commands());
        @SuppressWarnings("unchecked")
        UnitOfWork<CommandMessage<?>> unitOfWork = (UnitOfWork<CommandMessage<?>>) CurrentUnitOfWork.get();
        CommandMessage<?> groupMessage = unitOfWork.getMessage();
        List<TransferOutcome> outcomes = new ArrayList<>();
        try {
            for (CommandMessage<?> command : group.commands()) {
                unitOfWork.transformMessage(current -> command);
                outcomes.add(run(command.getPayload()));
            }
        } finally {
            unitOfWork.transformMessage(current -> groupMessage);
        }
        storeAnswers(group.commands(), group.answers(), outcomes);
        return outcomes;
    }

    /**
     * Hands each keyed request its command's outcome, then stores the answers they render in this transaction; a
     * request without an answer in time fails the group, whose commands then run alone.
     */
    private void storeAnswers(List<CommandMessage<?>> commands, Map<Integer, AnswerInGroup> answers,
                              List<TransferOutcome> outcomes) {
        if (answers.isEmpty()) {
            return;
        }
        answers.forEach((index, answer) -> {
            footprints.keepBeforeCommit(commands.get(index).getIdentifier()); // for the answer's consistency token
            answer.handOut(outcomes.get(index));
        });
        Map<KeyedRequest, Object> rendered = new LinkedHashMap<>();
        for (AnswerInGroup answer : answers.values()) {
            rendered.put(answer.keyed(), answer.awaitAnswer(ANSWER_WAIT).orElseThrow(() ->
                    new IllegalStateException("a keyed request of the group has no answer to store with it")));
        }
        if (!keys.storeAll(rendered)) {
            throw new IllegalStateException("an Idempotency-Key of the group is no longer its request's");
        }
    }

    private TransferOutcome run(Object command) {
        if (command instanceof TransferFunds transfer) {
            return transfers.handle(transfer);
        }
        if (command instanceof DepositFunds deposit) {
            return transfers.handle(deposit);
        }
        if (command instanceof WithdrawFunds withdrawal) {
            return transfers.handle(withdrawal);
        }
        throw new IllegalArgumentException("not a groupable command: " + command.getClass());
    }

    void lockInGlobalOrder(List<CommandMessage<?>> commands) {
        List<String> transferIds = new ArrayList<>();
        List<String> customerAccounts = new ArrayList<>();
        List<String> movementAccounts = new ArrayList<>();
        for (CommandMessage<?> message : commands) {
            Object command = message.getPayload();
            if (command instanceof TransferFunds transfer) {
                transferIds.add(transfer.transferId());
                customerAccounts.add(transfer.terms().debitAccountId());
                customerAccounts.add(transfer.terms().creditAccountId());
            } else if (command instanceof DepositFunds deposit) {
                transferIds.add(deposit.transferId());
                movementAccounts.add(deposit.accountId());
            } else if (command instanceof WithdrawFunds withdrawal) {
                transferIds.add(withdrawal.transferId());
                movementAccounts.add(withdrawal.accountId());
            }
        }
        customerAccounts.addAll(movementAccounts);
        // one statement, as a lone command's: a group of one costs what the command alone would
        locks.lockTransfersAndAccounts(transferIds,
                customerAccounts.stream().filter(id -> !WorldAccount.isWorld(id)).toList());
        // the settlement account of each movement follows from its account's currency, read under that account's
        // lock; one shard per currency, currencies in code order, and the unit of work keeps each shard locked here
        // so that every movement of the group posts to it
        TreeSet<String> currencies = new TreeSet<>();
        for (String accountId : movementAccounts) {
            currencyOf(accountId).ifPresent(currencies::add);
        }
        currencies.forEach(shards::lockShardOf);
    }

    private Optional<String> currencyOf(String accountId) {
        return Aggregates.find(accounts, StreamIds.account(accountId))
                .map(account -> account.invoke(Account::snapshot))
                .map(AccountSnapshot::currency);
    }
}
