package io.ledgerflow.command.transfer;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.expiry.DueHolds;
import io.ledgerflow.command.security.Actor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Expires due pending transfers: every poll interval it reads the due rows of {@link PendingExpiries}, oldest first,
 * a batch at a time, and expires each batch in one transaction ({@link DueHoldsHandler}), which locks, decides and
 * appends like a post or a void and deletes the rows with the events; while a read finds a full batch, it reads the
 * next one at once. One at a time, each waiting for its commit, a backlog of a few hundred holds due at once (a batch
 * of holds with one timeout) took tens of seconds to release.
 * <p>
 * When a batch's transaction fails (a lock held elsewhere past the lock timeout, a conflict with another instance),
 * each of its rows is expired alone ({@link Resolution.ExpirePending}), on
 * {@code ledgerflow.transfers.expiry-concurrency} threads, so one troublesome hold holds up no other. A row that
 * fails stays and is tried again next time, so an expiry missed while the service was down happens at the first
 * poll after it started again.
 */
@Component
class PendingExpiryJob implements SchedulingConfigurer, DueHolds, DisposableBean {

    static final String PRINCIPAL = "system:expiry";
    private static final Logger log = LoggerFactory.getLogger(PendingExpiryJob.class);
    private static final int BATCH = 100;

    private final PendingExpiries expiries;
    private final CommandGateway gateway;
    private final Duration interval;
    private final ExecutorService workers;

    PendingExpiryJob(PendingExpiries expiries, CommandGateway gateway,
                     @Value("${ledgerflow.transfers.expiry-poll-interval:500ms}") Duration interval,
                     @Value("${ledgerflow.transfers.expiry-concurrency:4}") int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("ledgerflow.transfers.expiry-concurrency must be at least 1");
        }
        this.expiries = expiries;
        this.gateway = gateway;
        this.interval = interval;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "pending-expiry-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::expireDue, interval);
    }

    void expireDue() {
        try {
            List<String> due;
            int expired;
            do {
                due = expiries.due(BATCH);
                expired = due.isEmpty() ? 0 : expireTogether(due);
                if (expired < 0) {
                    CompletableFuture.allOf(due.stream().map(this::expireOnWorker).toArray(CompletableFuture[]::new))
                            .join();
                }
                // a full batch that expired nothing (rows another command resolved meanwhile) is read again next poll
            } while (due.size() == BATCH && expired > 0);
        } catch (RuntimeException e) {
            log.warn("reading due pending transfers failed; trying again in {}", interval, e);
        }
    }

    @Override
    public void expireNow(List<String> transferIds) {
        transferIds.forEach(this::expire);
    }

    @Override
    public void expireSoon(List<String> transferIds) {
        transferIds.forEach(this::expireOnWorker);
    }

    private CompletableFuture<Void> expireOnWorker(String transferId) {
        try {
            return CompletableFuture.runAsync(() -> expire(transferId), workers);
        } catch (RejectedExecutionException shuttingDown) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * All in one transaction ({@link DueHoldsHandler}).
     *
     * @return how many it expired; -1 when the transaction failed, and each is to be tried alone
     */
    private int expireTogether(List<String> transferIds) {
        try {
            Integer expired = gateway.sendAndWait(asSystem(new ExpireDueHolds(transferIds)));
            return expired == null ? 0 : expired;
        } catch (RuntimeException e) {
            log.info("expiring {} due pending transfers together failed, expiring each alone: {}", transferIds.size(),
                    e.toString());
            return -1;
        }
    }

    private void expire(String transferId) {
        try {
            gateway.sendAndWait(asSystem(new ResolvePendingTransfer(transferId, new Resolution.ExpirePending(),
                    new Actor(PRINCIPAL, true))));
        } catch (RuntimeException e) {
            log.warn("expiring pending transfer {} failed; trying again in {}", transferId, interval, e);
        }
    }

    private static CommandMessage<Object> asSystem(Object command) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(LedgerCorrelationData.PRINCIPAL, PRINCIPAL)));
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
