package io.ledgerflow.query.stream;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerStreamsTest {

    private final CallerStreams callers = new CallerStreams(LiveStreamTest.properties(100, 100, 10, Duration.ofSeconds(15), 2));

    @Test
    void each_caller_has_its_own_places_and_a_place_given_back_twice_counts_once() {
        Runnable first = callers.take("alice");
        callers.take("alice");
        Runnable bobs = callers.take("bob");

        assertThatThrownBy(() -> callers.take("alice")).isInstanceOf(CallerStreams.CallerStreamLimitException.class);
        first.run();
        first.run();
        assertThat(callers.openBy("alice")).isEqualTo(1);
        callers.take("alice");
        assertThatThrownBy(() -> callers.take("alice")).isInstanceOf(CallerStreams.CallerStreamLimitException.class);
        bobs.run();
        assertThat(callers.openBy("bob")).isZero();
    }
}
