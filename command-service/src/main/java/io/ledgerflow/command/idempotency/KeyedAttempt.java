package io.ledgerflow.command.idempotency;

import io.ledgerflow.command.web.GroupAnswer;
import io.ledgerflow.command.web.KeyTakenOver;
import io.ledgerflow.command.web.KeyedRequest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import java.util.UUID;

/**
 * A request that claimed its key, while it runs: where its command ran (nowhere yet, in a transaction of its own, or
 * in a group) and, for its own transaction, that transaction, which {@link KeyedRequestEnd} ends. Its state is
 * touched by the request's thread only; a group's sender reads its key ({@link GroupedKeyStore}).
 */
final class KeyedAttempt implements KeyedRequest {

    enum Where { NOWHERE, OWN_TRANSACTION, IN_GROUP, TAKEN_OVER }

    private final IdempotencyKeys keys;
    private final PlatformTransactionManager transactions;
    private final String subject;
    private final String key;
    private final UUID owner;
    private Where where = Where.NOWHERE;
    private TransactionStatus transaction;
    private GroupAnswer exchange;

    KeyedAttempt(IdempotencyKeys keys, PlatformTransactionManager transactions, String subject, String key,
                 UUID owner) {
        this.keys = keys;
        this.transactions = transactions;
        this.subject = subject;
        this.key = key;
        this.owner = owner;
    }

    @Override
    public boolean unused() {
        return where == Where.NOWHERE;
    }

    @Override
    public void beginOwnTransaction() {
        TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
        boolean held;
        try {
            held = keys.holdWhileRunning(subject, key, owner);
        } catch (RuntimeException | Error e) {
            transactions.rollback(status);
            throw e;
        }
        if (!held) {
            transactions.rollback(status);
            where = Where.TAKEN_OVER;
            throw new KeyTakenOver();
        }
        transaction = status;
        where = Where.OWN_TRANSACTION;
    }

    @Override
    public void ranInGroup(GroupAnswer groupAnswer) {
        exchange = groupAnswer;
        where = Where.IN_GROUP;
    }

    String subject() {
        return subject;
    }

    String key() {
        return key;
    }

    UUID owner() {
        return owner;
    }

    Where where() {
        return where;
    }

    TransactionStatus transaction() {
        return transaction;
    }

    GroupAnswer exchange() {
        return exchange;
    }
}
