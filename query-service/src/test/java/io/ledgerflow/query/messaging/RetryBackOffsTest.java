package io.ledgerflow.query.messaging;

import com.mongodb.MongoTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackOffsTest {

    private final RetryBackOffs backOffs = new RetryBackOffs(
            new LedgerKafkaProperties.Retry(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)));

    @Test
    void aFailingRecordIsRetriedABoundedNumberOfTimesWithGrowingPauses() {
        BackOffExecution execution = backOffs.bounded().start();

        assertThat(execution.nextBackOff()).isEqualTo(100);
        assertThat(execution.nextBackOff()).isEqualTo(200);
        assertThat(execution.nextBackOff()).isEqualTo(400);
        assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void poisonGetsTheBoundedBackOff() {
        assertThat(backOffs.forFailure(new ListenerExecutionFailedException("failed",
                new PoisonRecordException("junk", null)))).isNull();
    }

    @Test
    void anUnreachableStoreIsWaitedForInsteadOfDeadLettering() {
        BackOff backOff = backOffs.forFailure(new ListenerExecutionFailedException("failed",
                new MongoTimeoutException("no server")));

        BackOffExecution execution = backOff.start();
        for (int i = 0; i < 1_000; i++) {
            assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000);
        }
    }
}
