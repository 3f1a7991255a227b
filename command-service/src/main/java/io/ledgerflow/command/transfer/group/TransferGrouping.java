package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.web.CommandGrouping;
import io.ledgerflow.command.web.GroupAnswer;
import io.ledgerflow.command.web.KeyedRequest;
import io.ledgerflow.command.web.RetryableFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends the commands {@link GroupingProperties.Mode} names (by default transfers, deposits and withdrawals) in
 * groups: a request's command waits in a queue, and each of a few sender threads takes whatever has queued up (up to
 * a maximum) and runs it as one {@link TransferGroup}, one transaction. A lone command is a group of one, so grouping
 * adds no wait at low load; under load, the commands that arrived while the previous group ran share one
 * transaction, one commit and, for deposits and withdrawals, one wait for their settlement account's lock, as a
 * batch does.
 * <p>
 * A group that fails for any reason (a conflict with another instance, a lock held elsewhere past
 * {@link GroupingProperties#lockWait()}, a statement timeout, a bug in one command) has changed nothing, since it was
 * one transaction; each of its commands then runs alone, on its caller's thread, and gets its own answer, so one
 * command can never fail another, and the sender is free for the next group at once instead of working through the
 * failed group's commands one after the other. A sender never runs a command outside a group, so no command can hold
 * a sender longer than the group's lock wait allows.
 * <p>
 * A keyed request's command ({@link KeyedRequest}) is grouped too: it is told its outcome while the group's
 * transaction is still open, so that its request renders the answer the group stores with it, and learns the group's
 * end afterwards ({@link GroupAnswer}). When its group fails before telling it, it runs alone in a transaction its
 * request begins, never outside one, since its answer must commit with it.
 */
@Component
public class TransferGrouping implements CommandGrouping, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TransferGrouping.class);
    /** The outcome of a command whose group failed: its caller runs it alone. */
    private static final Object RUN_ALONE = new Object();

    private final CommandGateway gateway;
    private final GroupingProperties properties;
    private final BlockingQueue<Queued> queue;
    private final List<Thread> senders = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private final Counter groupsGivenUpOnLockWait;
    private final Counter groupsFailedOtherwise;
    private volatile boolean running = true;

    @Autowired
    public TransferGrouping(CommandGateway gateway, GroupingProperties properties, MeterRegistry meters) {
        this(gateway, properties, meters, new LinkedBlockingQueue<>(properties.queueCapacity()));
    }

    TransferGrouping(CommandGateway gateway, GroupingProperties properties, MeterRegistry meters,
                     BlockingQueue<Queued> queue) {
        this.gateway = gateway;
        this.properties = properties;
        this.queue = queue;
        this.groupSizes = DistributionSummary.builder("ledgerflow.commands.group.size")
                .description("commands run in one transaction by the transfer grouping").register(meters);
        this.groupsGivenUpOnLockWait = failedGroups(meters, "lock-wait");
        this.groupsFailedOtherwise = failedGroups(meters, "other");
        if (properties.enabled()) {
            for (int i = 0; i < properties.senders(); i++) {
                Thread sender = new Thread(this::sendGroups, "transfer-group-" + i);
                sender.setDaemon(true);
                sender.start();
                senders.add(sender);
            }
        }
    }

    @Override
    public boolean groups(Object command) {
        return properties.mode().groups(command);
    }

    @Override
    public <R> R sendAndWait(CommandMessage<?> command) {
        KeyedRequest keyed = KeyedRequest.current().orElse(null);
        Queued queued = new Queued(command, new CompletableFuture<>(), keyed, keyed == null ? null : new GroupAnswer());
        if (!running || !properties.enabled() || !queue.offer(queued)) {
            return runAlone(command, keyed);
        }
        if (!running && queue.remove(queued)) {
            // offered after destroy() drained the queue: no sender will take it
            return runAlone(command, keyed);
        }
        try {
            Object outcome = queued.result().get();
            if (outcome == RUN_ALONE) {
                return runAlone(command, keyed);
            }
            if (keyed != null) {
                keyed.ranInGroup(queued.exchange());
            }
            @SuppressWarnings("unchecked")
            R result = (R) outcome;
            return result;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the command ran", e);
        }
    }

    /** On its caller's thread; a keyed request's in a transaction of its own, where its answer is stored with it. */
    private <R> R runAlone(CommandMessage<?> command, KeyedRequest keyed) {
        if (keyed != null) {
            keyed.beginOwnTransaction();
        }
        return gateway.sendAndWait(command);
    }

    /** Commands waiting for a sender. */
    int waiting() {
        return queue.size();
    }

    private void sendGroups() {
        while (running) {
            List<Queued> group = new ArrayList<>();
            try {
                Queued first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, properties.maxGroupSize() - 1);
                send(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(group, new IllegalStateException("the command service is stopping"));
                return;
            } catch (RuntimeException | Error unexpected) {
                fail(group, unexpected);
            }
        }
    }

    private void send(List<Queued> group) {
        groupSizes.record(group.size());
        List<?> outcomes;
        try {
            outcomes = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new TransferGroup(
                    group.stream().<CommandMessage<?>>map(Queued::command).toList(), answersOf(group))));
        } catch (RuntimeException failure) {
            boolean lockWait = RetryableFailures.isLockTimeout(failure);
            if (group.size() == 1 && !lockWait && group.get(0).keyed() == null) {
                // what it would have answered alone; only a lock wait the group gave up on is waited for again
                group.get(0).result().completeExceptionally(failure);
                return;
            }
            (lockWait ? groupsGivenUpOnLockWait : groupsFailedOtherwise).increment();
            log.debug("A group of {} commands failed ({}); each runs alone", group.size(), failure.toString());
            group.forEach(queued -> queued.failed(RUN_ALONE));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).committed(outcomes.get(i));
        }
    }

    /** The keyed requests' commands, by their place in the group: their keys held, their answers stored in it. */
    private static Map<Integer, AnswerInGroup> answersOf(List<Queued> group) {
        Map<Integer, AnswerInGroup> answers = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i).keyed() != null) {
                answers.put(i, group.get(i));
            }
        }
        return answers;
    }

    /** Groups whose commands were all run again alone, each on its caller's thread: the work grouping doubled. */
    private static Counter failedGroups(MeterRegistry meters, String reason) {
        return Counter.builder("ledgerflow.commands.group.failed").tag("reason", reason)
                .description("groups that failed and whose commands then ran alone").register(meters);
    }

    private static void fail(List<Queued> group, Throwable failure) {
        group.forEach(queued -> queued.failed(failure));
    }

    @Override
    public void destroy() {
        running = false;
        senders.forEach(Thread::interrupt);
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(queued -> queued.result().complete(RUN_ALONE));
    }

    /**
     * A command waiting for its group, and what it is told. A keyed request's command is told its outcome before the
     * group commits ({@link #handOut}), so that its request can render the answer the group stores; it then learns
     * the group's end through its {@link GroupAnswer}.
     */
    record Queued(CommandMessage<?> command, CompletableFuture<Object> result, KeyedRequest keyed,
                  GroupAnswer exchange) implements AnswerInGroup {

        @Override
        public void handOut(Object outcome) {
            result.complete(outcome);
        }

        @Override
        public Optional<Object> awaitAnswer(Duration wait) {
            return exchange.await(wait);
        }

        void committed(Object outcome) {
            if (exchange != null) {
                exchange.finished(true);
            } else {
                result.complete(outcome);
            }
        }

        /** Runs it alone, or fails it, unless it was handed its outcome: then its request learns the group failed. */
        void failed(Object runAloneOrFailure) {
            boolean told = runAloneOrFailure instanceof Throwable failure
                    ? result.completeExceptionally(failure) : result.complete(runAloneOrFailure);
            if (!told && exchange != null) {
                exchange.finished(false);
            }
        }
    }
}
