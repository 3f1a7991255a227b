package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.support.DirectGateway;
import io.ledgerflow.command.transfer.DepositFunds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the sender does when a group fails: each command runs alone and gets its own answer or failure. */
class TransferGroupingFallbackTest {

    private final ExecutorService requests = Executors.newFixedThreadPool(8);
    private TransferGrouping grouping;

    @AfterEach
    void stop() {
        requests.shutdownNow();
        if (grouping != null) {
            grouping.destroy();
        }
    }

    @Test
    void a_failed_group_runs_each_command_alone_so_one_bad_command_fails_only_itself() throws Exception {
        CountDownLatch firstGroupStarted = new CountDownLatch(1);
        CountDownLatch queued = new CountDownLatch(1);
        List<TransferGroup> groups = new CopyOnWriteArrayList<>();
        Map<String, String> ranOn = new ConcurrentHashMap<>();
        DirectGateway gateway = new DirectGateway(command -> {
            if (command instanceof TransferGroup group) {
                groups.add(group);
                if (idsOf(group).equals(List.of("first"))) {
                    // hold the only sender until the others have queued up behind it, so that they form a group
                    firstGroupStarted.countDown();
                    await(queued);
                    return List.of("ok first");
                }
                throw new IllegalStateException("one command of the group is broken");
            }
            DepositFunds deposit = (DepositFunds) command;
            ranOn.put(deposit.transferId(), Thread.currentThread().getName());
            if (deposit.transferId().equals("bad")) {
                throw new IllegalArgumentException("bad command");
            }
            return "ok " + deposit.transferId();
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        grouping = new TransferGrouping(gateway, properties(GroupingProperties.Mode.MOVEMENTS), meters);

        Future<Object> first = requests.submit(() -> send("first"));
        firstGroupStarted.await(5, TimeUnit.SECONDS);
        List<Future<Object>> others = new ArrayList<>();
        for (String id : List.of("a", "bad", "b")) {
            others.add(requests.submit(() -> send(id)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> grouping.waiting() == 3);
        queued.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("ok first");
        assertThat(others.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("ok a");
        assertThat(others.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("ok b");
        assertThat(others.get(1)).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalArgumentException.class).withMessage("bad command");
        assertThat(groups).as("the first alone, then the three as one group").hasSize(2);
        assertThat(idsOf(groups.get(1))).containsExactlyInAnyOrder("a", "bad", "b");
        assertThat(List.of(ranOn.get("a"), ranOn.get("bad"), ranOn.get("b")))
                .as("after the group failed, each ran on its caller's thread, not one after the other on the sender")
                .noneMatch(thread -> thread.startsWith("transfer-group-"));
        assertThat(ranOn).as("the sender ran nothing outside a group").doesNotContainKey("first");
        assertThat(failedGroups(meters, "other")).as("the failed group is counted once").isEqualTo(1.0);
        assertThat(failedGroups(meters, "lock-wait")).isZero();
    }

    @Test
    void a_lone_command_that_fails_gets_its_own_failure_and_is_not_run_again() throws Exception {
        List<Object> dispatched = new CopyOnWriteArrayList<>();
        DirectGateway gateway = new DirectGateway(command -> {
            dispatched.add(command);
            throw new IllegalArgumentException("bad command");
        });
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        grouping = new TransferGrouping(gateway, properties(GroupingProperties.Mode.MOVEMENTS), meters);

        assertThat(requests.submit(() -> send("bad"))).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalArgumentException.class).withMessage("bad command");
        assertThat(dispatched).as("sent once, as a group of one").singleElement().isInstanceOf(TransferGroup.class);
        assertThat(failedGroups(meters, "other")).as("its failure is its answer, not a group's failure").isZero();
    }

    @Test
    void grouping_off_runs_every_command_on_the_callers_thread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        DirectGateway gateway = new DirectGateway(command -> {
            threads.add(Thread.currentThread());
            return "ok";
        });
        grouping = new TransferGrouping(gateway, properties(GroupingProperties.Mode.OFF), new SimpleMeterRegistry());

        assertThat((String) send("x")).isEqualTo("ok");
        assertThat(threads).containsExactly(caller);
    }

    @Test
    void a_command_queued_just_after_the_service_stopped_runs_alone_instead_of_waiting_forever() {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        // rarely, the sender interrupted by the stop still takes the command (its wait was signalled before the
        // interrupt counted) and runs it as a group of one: answered too, not left waiting
        DirectGateway gateway = new DirectGateway(command -> {
            ranOn.add(Thread.currentThread());
            return command instanceof TransferGroup group ? group.commands().stream().map(c -> "ok").toList() : "ok";
        });
        // the stop lands between the sender's check that grouping runs and its offer to the queue
        BlockingQueue<TransferGrouping.Queued> queue = new LinkedBlockingQueue<>(32) {
            @Override
            public boolean offer(TransferGrouping.Queued queued) {
                grouping.destroy();
                return super.offer(queued);
            }
        };
        grouping = new TransferGrouping(gateway, properties(GroupingProperties.Mode.MOVEMENTS),
                new SimpleMeterRegistry(), queue);

        assertThat(requests.submit(() -> send("late"))).succeedsWithin(5, TimeUnit.SECONDS).isEqualTo("ok");
        assertThat(ranOn).as("once: alone on its caller's thread, or by the last sender").singleElement()
                .satisfies(thread -> assertThat(thread.getName()).matches("pool-.*|transfer-group-.*"));
        assertThat(queue).as("nothing left behind for a sender that is gone").isEmpty();
    }

    private static double failedGroups(SimpleMeterRegistry meters, String reason) {
        return meters.get("ledgerflow.commands.group.failed").tag("reason", reason).counter().count();
    }

    private static GroupingProperties properties(GroupingProperties.Mode mode) {
        return new GroupingProperties(mode, 1, 32, 100, Duration.ofSeconds(1));
    }

    private static List<String> idsOf(TransferGroup group) {
        return group.commands().stream().map(command -> ((DepositFunds) command.getPayload()).transferId()).toList();
    }

    private Object send(String transferId) {
        return grouping.sendAndWait(GenericCommandMessage.asCommandMessage(
                new DepositFunds(transferId, "acc", 1, null, Map.of(), null)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
