package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events the ring keeps: those some client may still ask for, and no others. */
class EventRingTest {

    private static final int MAX_BACKLOG = 20;

    private final EventRing ring = new EventRing(100, MAX_BACKLOG, "ring");
    private final List<EventEnvelope> events = accountsOpened(100);
    private int published;

    @Test
    void events_published_while_nobody_ever_subscribed_are_not_kept() throws InterruptedException {
        publish(30);

        EventRing.Resume forged = ring.attach(ring.idOf(25));

        assertThat(forged.resetReason()).contains("too old");
        assertThat(forged.after()).isEqualTo(30);
        assertThat(ring.read(25, 10, 0).lost()).isTrue();
    }

    @Test
    void a_subscriber_that_left_resumes_after_nobody_watched_for_up_to_max_backlog_events()
            throws InterruptedException {
        ring.attach(null);
        publish(5);
        ring.detach();
        publish(MAX_BACKLOG);

        EventRing.Resume resumed = ring.attach(ring.idOf(5));

        assertThat(resumed.resetReason()).isNull();
        assertThat(ring.read(resumed.after(), 100, 0).events()).extracting(StreamEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(6, 5 + MAX_BACKLOG).boxed().toList());
    }

    @Test
    void past_max_backlog_events_after_the_last_subscriber_left_nothing_more_is_kept() throws InterruptedException {
        ring.attach(null);
        publish(5);
        ring.detach();
        publish(MAX_BACKLOG + 10);

        long lastKept = 5 + MAX_BACKLOG;
        EventRing.Resume intoTheGap = ring.attach(ring.idOf(lastKept - 5));

        assertThat(intoTheGap.resetReason()).as("within max backlog of the head, but not kept").contains("too old");
        assertThat(ring.read(lastKept - 5, 100, 0).lost()).isTrue();
        publish(3);
        assertThat(ring.read(intoTheGap.after(), 100, 0).events()).as("attached again: kept from now on")
                .extracting(StreamEvent::sequence).containsExactly(36L, 37L, 38L);
    }

    private void publish(int count) {
        ring.publish(events.subList(published, published + count));
        published += count;
    }

    private static List<EventEnvelope> accountsOpened(int count) {
        LedgerStream stream = new LedgerStream();
        IntStream.rangeClosed(1, count).forEach(i -> stream.open("acc-" + i, "owner-" + i, "USD"));
        return stream.all();
    }
}
