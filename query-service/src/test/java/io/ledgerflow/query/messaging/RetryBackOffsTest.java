package io.ledgerflow.query.messaging;

import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackOffsTest {

    private final RetryBackOffs backOffs = new RetryBackOffs(
            new LedgerKafkaProperties.Retry(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1)));

    @Test
    void poisonIsNotRetried() {
        BackOff backOff = backOffs.forFailure(new ListenerExecutionFailedException("failed",
                new PoisonRecordException("junk", null)));

        assertThat(backOff.start().nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void anyFailureThatIsNotTheRecordsFaultIsRetriedForeverWithGrowingPauses() {
        for (Exception failure : new Exception[]{new MongoTimeoutException("no server"),
                new MongoNotPrimaryException(new BsonDocument(), new ServerAddress()),
                new MongoInterruptedException("interrupted", null), new IllegalStateException("a bug")}) {
            BackOffExecution execution = backOffs.forFailure(
                    new ListenerExecutionFailedException("failed", failure)).start();

            assertThat(execution.nextBackOff()).isEqualTo(100);
            assertThat(execution.nextBackOff()).isEqualTo(200);
            for (int i = 0; i < 1_000; i++) {
                assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(30_000);
            }
        }
    }
}
