package io.ledgerflow.query.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ledgerflow.query.stream.LiveStreamTest.properties;

/** The live streams one test started, sharing one meter registry; {@link #stopAll()} after the test. */
final class StartedStreams {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<LiveStream> started = new ArrayList<>();

    LiveStream start(int bufferSize, int maxBacklog, int maxSubscribers, Duration heartbeat) {
        return start(properties(bufferSize, maxBacklog, maxSubscribers, heartbeat, 10));
    }

    LiveStream start(StreamProperties properties) {
        LiveStream live = new LiveStream(properties, meters);
        live.start();
        started.add(live);
        return live;
    }

    void stopAll() {
        started.forEach(LiveStream::stop);
    }
}
