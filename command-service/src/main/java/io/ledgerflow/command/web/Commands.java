package io.ledgerflow.command.web;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.consistency.AcceptedOutcome;
import io.ledgerflow.command.consistency.ConsistencyHeader;
import io.ledgerflow.command.consistency.RecordedRefusal;
import io.ledgerflow.command.expiry.DueHolds;
import io.ledgerflow.command.expiry.ExpireFirst;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends a command with the request's correlation id and caller, and waits for its outcome. A command that lost to
 * concurrent work (a conflict on the event store, a deadlock, a lock wait past its timeout) runs again from scratch
 * on the request's own thread after a short random pause; when its retries run out the caller is told to come
 * back later ({@link CommandsBusy}, 503), never given a 500. Commands that {@link CommandGrouping} groups (single
 * transfers, deposits and withdrawals) are sent through it, so those that arrive together share a transaction.
 * <p>
 * An outcome that asks for due holds to be expired first ({@link ExpireFirst}) has them expired on this thread and
 * the command sent again; inside a transaction (a keyed request's) that cannot wait for them, they are left to the
 * expiry job and the caller is told to come back (503), with nothing applied.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final CommandGrouping grouping;
    private final ConsistencyHeader consistency;
    private final DueHolds dueHolds;
    private final int maxRetries;
    private final long backoffMillis;

    public Commands(CommandGateway gateway, CommandGrouping grouping, ConsistencyHeader consistency, DueHolds dueHolds,
                    @Value("${ledgerflow.commands.max-retries:10}") int maxRetries,
                    @Value("${ledgerflow.commands.retry-backoff-ms:10}") long backoffMillis) {
        this.gateway = gateway;
        this.grouping = grouping;
        this.consistency = consistency;
        this.dueHolds = dueHolds;
        this.maxRetries = maxRetries;
        this.backoffMillis = backoffMillis;
    }

    public <R> R send(Object command) {
        CommandMessage<Object> message = withCaller(command);
        boolean accepted = false;
        String record = null;
        try {
            R outcome = sendWithRetries(command, message);
            accepted = outcome instanceof AcceptedOutcome;
            record = outcome instanceof RecordedRefusal refusal ? refusal.recordStream() : null;
            return outcome;
        } finally {
            consistency.commandFinished(message.getIdentifier(), accepted, record);
        }
    }

    private <R> R sendWithRetries(Object command, CommandMessage<Object> message) {
        // inside a request's own transaction (an Idempotency-Key's: the answer is stored with the events), the
        // command runs on this thread in it, and a failed statement has aborted it: no group, no retry in place
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return expiringLater(sendOnce(() -> gateway.sendAndWait(message)));
        }
        Optional<KeyedRequest> keyed = KeyedRequest.current();
        if (keyed.isPresent()) {
            return expiringLater(sendOnce(() -> sendKeyed(command, message, keyed.get())));
        }
        for (int attempt = 0; ; attempt++) {
            R outcome;
            try {
                outcome = grouping.groups(command) ? grouping.sendAndWait(message) : gateway.sendAndWait(message);
            } catch (RuntimeException failure) {
                throwUnlessConflict(failure);
                if (attempt >= maxRetries) {
                    throw new CommandsBusy("the command lost to concurrent work " + (attempt + 1) + " times", failure);
                }
                pause(attempt);
                continue;
            }
            if (outcome instanceof ExpireFirst expiring && attempt < maxRetries) {
                dueHolds.expireNow(expiring.dueHolds());
                continue;
            }
            return expiringLater(outcome);
        }
    }

    private <R> R expiringLater(R outcome) {
        if (outcome instanceof ExpireFirst expiring) {
            dueHolds.expireSoon(expiring.dueHolds());
            throw new CommandsBusy("holds on the debit account are past their timeout and being expired", null);
        }
        return outcome;
    }

    /**
     * A keyed request's command runs where its answer can be stored with it: in a group (which falls back to the
     * request's own transaction when the group fails) or in the request's own transaction, begun here.
     */
    private <R> R sendKeyed(Object command, CommandMessage<Object> message, KeyedRequest keyed) {
        if (!keyed.unused()) {
            throw new IllegalStateException("a keyed request sends its commands in one transaction: the first one ran"
                    + " in a group, so no other can join it");
        }
        if (grouping.groups(command)) {
            return grouping.sendAndWait(message);
        }
        keyed.beginOwnTransaction();
        return gateway.sendAndWait(message);
    }

    private static <R> R sendOnce(Supplier<R> send) {
        try {
            return send.get();
        } catch (RuntimeException failure) {
            throwUnlessConflict(failure);
            throw new CommandsBusy("the command lost to concurrent work inside its request's transaction", failure);
        }
    }

    /** Throws what the failure means for the caller; returns only for a conflict, which a fresh attempt may win. */
    private static void throwUnlessConflict(RuntimeException failure) {
        if (RetryableFailures.isDatabaseUnreachable(failure)) {
            throw new DatabaseUnavailable(failure);
        }
        if (RetryableFailures.isLockTimeout(failure)) {
            throw new CommandsBusy("the command waited too long for its accounts", failure);
        }
        if (RetryableFailures.isStatementTimeout(failure)) {
            throw new CommandsBusy("a statement of the command ran longer than its statement timeout", failure);
        }
        if (!RetryableFailures.isConflict(failure)) {
            throw failure;
        }
    }

    private CommandMessage<Object> withCaller(Object command) {
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("commands need a caller"));
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(LedgerCorrelationData.PRINCIPAL, caller.subject());
        metadata.put(LedgerCorrelationData.CLIENT_ID, caller.clientId());
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            metadata.put(LedgerCorrelationData.CORRELATION_ID, correlationId);
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
    }

    /** Random, growing pauses, so that commands which collided once do not collide again in step. */
    private void pause(int attempt) {
        long bound = backoffMillis * (1L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandsBusy("interrupted while waiting to retry", e);
        }
    }
}
