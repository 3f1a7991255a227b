package io.ledgerflow.query.stream;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by a black-box probe: streams whose clients reset their connection before the opening reached them kept
 * their caller's places for good (the 21st stream of that caller was 429 for as long as the instance ran). The
 * container had recycled those requests, so the emitter's callbacks, which gave the place back, never came; ending
 * the subscriber's sink gives it back now.
 */
class EmitterSinkTest {

    private final AtomicInteger ended = new AtomicInteger();

    @Test
    void completing_the_stream_gives_its_place_back() {
        new EmitterSink(new SseEmitter(), ended::incrementAndGet).complete();

        assertThat(ended).hasValue(1);
    }

    @Test
    void the_place_comes_back_even_when_the_container_refuses_the_completion() {
        SseEmitter recycled = new SseEmitter() {
            @Override
            public synchronized void complete() {
                throw new IllegalStateException("the request was recycled");
            }
        };

        new EmitterSink(recycled, ended::incrementAndGet).complete();

        assertThat(ended).hasValue(1);
    }
}
