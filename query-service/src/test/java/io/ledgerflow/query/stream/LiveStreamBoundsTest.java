package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.SseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static io.ledgerflow.query.stream.LiveStreamTest.accountsOpened;
import static io.ledgerflow.query.stream.LiveStreamTest.data;
import static io.ledgerflow.query.stream.LiveStreamTest.properties;
import static io.ledgerflow.query.stream.LiveStreamTest.sequenceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The live stream's bounds and lifecycle: a client that never reads, how many may subscribe, heartbeats, stopping. */
class LiveStreamBoundsTest {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final StartedStreams streams = new StartedStreams();

    @AfterEach
    void stopTheStreams() {
        streams.stopAll();
    }

    @Test
    void a_client_that_never_reads_is_dropped_while_another_receives_everything_in_order() {
        LiveStream live = streams.start(100, 20, 10, QUIET);
        RecordingSink stalled = RecordingSink.stalled();
        RecordingSink reader = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, null, stalled);
        Subscriber reading = live.subscribe(StreamFilter.EVERYTHING, null, reader);
        await().until(() -> !stalled.frames().isEmpty() && !reader.frames().isEmpty());

        List<EventEnvelope> events = accountsOpened(60);
        for (int published = 0; published < events.size(); published += 5) {
            live.projected(events.subList(published, published + 5));
            long head = published + 5;
            await().until(() -> reading.sent() == head);
            if (head <= 20) {
                assertThat(stalled.isCompleted()).as("within its backlog, a slow client stays").isFalse();
            }
        }

        await().until(stalled::isCompleted);
        assertThat(streams.meters.counter("ledgerflow.stream.subscribers.dropped").count()).isEqualTo(1);
        assertThat(stalled.events()).as("its write never went through").isEmpty();
        assertThat(reader.isCompleted()).isFalse();
        await().until(() -> live.subscriberCount() == 1);
        assertThat(reader.events()).extracting(SseFrame::event).containsOnly("AccountOpened");
        assertThat(reader.events()).extracting(frame -> data(frame).path("event").path("accountId").asText())
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::aggregateId).toList());
        assertThat(reader.events()).extracting(frame -> sequenceOf(frame.id()))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    }

    @Test
    void beyond_max_subscribers_a_subscription_is_refused_until_one_leaves() {
        LiveStream live = streams.start(100, 100, 2, QUIET);
        Subscriber first = live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading());
        live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading());

        assertThatThrownBy(() -> live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading()))
                .isInstanceOfSatisfying(StreamUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("STREAM_LIMIT_REACHED"));
        first.close();
        await().until(() -> live.subscriberCount() == 1);
        assertThat(live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading())).isNotNull();
    }

    @Test
    void a_subscriber_whose_sink_fails_to_complete_still_gives_its_place_back() {
        LiveStream live = streams.start(100, 100, 1, QUIET);
        Subscriber failing = live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading().failingToComplete());

        failing.close();

        await().until(() -> live.subscriberCount() == 0);
        assertThat(live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading())).isNotNull();
    }

    @Test
    void a_refused_subscription_is_a_503_problem_with_retry_after() {
        StreamController controller = new StreamController(streams.start(100, 100, 1, QUIET), new CallerStreams(properties(100, 100, 1, QUIET, 1)));

        var answer = controller.unavailable(StreamUnavailableException.limitReached(1));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "STREAM_LIMIT_REACHED");
    }

    @Test
    void silence_is_broken_by_heartbeat_comments() {
        LiveStream live = streams.start(100, 100, 10, Duration.ofMillis(50));
        RecordingSink reader = RecordingSink.reading();
        live.subscribe(StreamFilter.parse(null, "transfer"), null, reader);
        live.projected(accountsOpened(3));

        await().until(() -> reader.frames().stream().filter(frame -> frame.comments().contains("keep-alive"))
                .count() >= 2);
        assertThat(reader.events()).isEmpty();
    }

    @Test
    void stopping_ends_every_subscription_and_refuses_new_ones() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink reader = RecordingSink.reading();
        RecordingSink stalled = RecordingSink.stalled();
        live.subscribe(StreamFilter.EVERYTHING, null, reader);
        live.subscribe(StreamFilter.EVERYTHING, null, stalled);
        await().until(() -> !stalled.frames().isEmpty());
        live.projected(accountsOpened(1));
        await().until(stalled::isBlocked);

        live.stop();

        await().until(() -> reader.isCompleted() && stalled.isCompleted());
        assertThat(live.subscriberCount()).isZero();
        assertThatThrownBy(() -> live.subscribe(StreamFilter.EVERYTHING, null, RecordingSink.reading()))
                .isInstanceOf(StreamUnavailableException.class);
    }

}
