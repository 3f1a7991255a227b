package io.ledgerflow.query.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A subscription that fails while it starts gives back its place, so failures cannot use up the limit. */
class FailedSubscriptionTest {

    private final LiveStream live = new LiveStream(
            LiveStreamTest.properties(100, 100, 1, Duration.ofSeconds(30), 10), new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        live.stop();
    }

    @Test
    void a_response_that_refuses_the_opening_gives_back_the_only_place() {
        live.start();
        StreamSink completedAlready = new StreamSink() {
            @Override
            public void send(String text) {
                throw new IllegalStateException("ResponseBodyEmitter has already completed");
            }

            @Override
            public void complete() {
            }
        };

        assertThatThrownBy(() -> live.subscribe(StreamFilter.EVERYTHING, null, completedAlready))
                .isInstanceOf(IllegalStateException.class);

        assertThat(live.subscriberCount()).isZero();
        RecordingSink next = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, null, next);
        assertThat(live.subscriberCount()).isEqualTo(1);
    }
}
