package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.support.DirectGateway;
import io.ledgerflow.command.transfer.DepositFunds;
import io.ledgerflow.command.web.GroupAnswer;
import io.ledgerflow.command.web.KeyedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keyed request's command in a group ({@link TransferGrouping}): never run outside a transaction that can store its
 * request's answer, told its outcome before the group commits, and told the group's end only after its answer was
 * stored. The gateway here does what {@link TransferGroupHandler} does with a group's keyed commands.
 */
class KeyedCommandsInGroupsTest {

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final RecordingKeyedRequest keyed = new RecordingKeyedRequest();
    private TransferGrouping grouping;

    @AfterEach
    void stop() {
        if (grouping != null) {
            grouping.destroy();
        }
    }

    @Test
    void a_keyed_command_whose_group_fails_runs_alone_in_its_requests_own_transaction() {
        grouping = grouping(command -> {
            if (command instanceof TransferGroup) {
                steps.add("group");
                throw new IllegalStateException("a lost conflict");
            }
            steps.add("alone " + ((DepositFunds) command).transferId() + " on " + thread());
            return "ok";
        });

        Object outcome = sendKeyed("d-1");

        assertThat(outcome).isEqualTo("ok");
        assertThat(steps).as("even a group of one that fails runs its keyed command again, in its own transaction")
                .containsExactly("group", "begin own transaction on the caller", "alone d-1 on the caller");
    }

    @Test
    void a_keyed_command_is_told_its_outcome_before_its_group_commits_and_the_commit_after_its_answer_is_stored() {
        grouping = grouping(command -> {
            TransferGroup group = (TransferGroup) command;
            AnswerInGroup answer = group.answers().get(0);
            steps.add("holds the key of its request: " + (answer.keyed() == keyed));
            answer.handOut("outcome");
            steps.add("stores " + answer.awaitAnswer(Duration.ofSeconds(5)).orElse("nothing"));
            return List.of("outcome");
        });

        Object outcome = sendKeyed("d-2");

        assertThat(outcome).isEqualTo("outcome");
        assertThat(keyed.exchange).isNotNull();
        assertThat(keyed.exchange.awaitEnd(Duration.ZERO)).as("the group waits for the answer")
                .isEqualTo(GroupAnswer.End.STILL_RUNNING);
        keyed.exchange.hand("the rendered answer");
        assertThat(keyed.exchange.awaitEnd(Duration.ofSeconds(5))).isEqualTo(GroupAnswer.End.COMMITTED);
        assertThat(steps).containsExactly("holds the key of its request: true", "stores the rendered answer");
    }

    @Test
    void a_group_whose_keyed_request_has_no_answer_fails_and_does_not_run_that_command_again() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        grouping = new TransferGrouping(new DirectGateway(command -> {
            if (!(command instanceof TransferGroup group)) {
                steps.add("alone");
                return "ok";
            }
            AnswerInGroup answer = group.answers().get(0);
            answer.handOut("outcome");
            if (answer.awaitAnswer(Duration.ofSeconds(5)).isEmpty()) {
                throw new IllegalStateException("no answer to store");
            }
            return List.of("outcome");
        }), properties(), meters);

        Object outcome = sendKeyed("d-3");
        keyed.exchange.hand(null);

        assertThat(outcome).isEqualTo("outcome");
        assertThat(keyed.exchange.awaitEnd(Duration.ofSeconds(5))).isEqualTo(GroupAnswer.End.FAILED);
        assertThat(steps).as("told its outcome, its request answers; nothing runs it again").doesNotContain("alone");
        assertThat(meters.get("ledgerflow.commands.group.failed").tag("reason", "other").counter().count())
                .isEqualTo(1.0);
    }

    private final Thread caller = Thread.currentThread();

    private String thread() {
        return Thread.currentThread() == caller ? "the caller" : Thread.currentThread().getName();
    }

    private TransferGrouping grouping(Function<Object, Object> gateway) {
        return new TransferGrouping(new DirectGateway(gateway), properties(), new SimpleMeterRegistry());
    }

    private static GroupingProperties properties() {
        return new GroupingProperties(GroupingProperties.Mode.ALL, 1, 32, 100, Duration.ofSeconds(1));
    }

    private Object sendKeyed(String transferId) {
        try (KeyedRequest.Scope bound = KeyedRequest.bind(keyed)) {
            return grouping.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new DepositFunds(transferId, "acc", 1, null, Map.of(), null)));
        }
    }

    private class RecordingKeyedRequest implements KeyedRequest {

        private volatile GroupAnswer exchange;

        @Override
        public boolean unused() {
            return exchange == null;
        }

        @Override
        public void beginOwnTransaction() {
            steps.add("begin own transaction on " + thread());
        }

        @Override
        public void ranInGroup(GroupAnswer groupAnswer) {
            exchange = groupAnswer;
        }
    }
}
