package io.ledgerflow.query.stream;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Writes ready-made SSE text to an {@link SseEmitter} as it is, several events in one write and one flush (the
 * emitter's own builder would write {@code id:x} without the space and one event per flush).
 */
record EmitterSink(SseEmitter emitter, Runnable ended) implements StreamSink {

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    @Override
    public void send(String text) throws IOException {
        emitter.send(Set.of(new DataWithMediaType(text, UTF8_TEXT)));
    }

    /**
     * A request that already ended in an error (the client left mid-write) has nothing left to complete. Either way
     * {@code ended} runs: the emitter's own callbacks never come for a request the container recycled early (a
     * client that reset its connection before the opening reached it), and the caller's place must not wait for them.
     */
    @Override
    public void complete() {
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyFailed) {
            // Tomcat refuses an application thread's dispatch after the container's onError: the stream is over
        } finally {
            ended.run();
        }
    }
}
