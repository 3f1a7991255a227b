package io.ledgerflow.query.stream;

import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Events carry their metadata: kept by count alone, a client's accounts with 18 KB of it each filled the memory
     * of a process anyone watched. Past the bytes it may take, the ring lets its oldest events go, and a reader that
     * still needed one finds it lost, as one that fell too far behind.
     */
    @Test
    void past_the_bytes_it_may_take_the_ring_lets_its_oldest_events_go() throws InterruptedException {
        Map<String, String> metadata = new HashMap<>();
        IntStream.range(0, 32).forEach(i -> metadata.put("k".repeat(62) + "%02d".formatted(i), "v".repeat(512)));
        LedgerStream stream = new LedgerStream();
        List<EventEnvelope> heavy = IntStream.rangeClosed(1, 50).mapToObj(i -> stream.open(new AccountOpened(
                "heavy-" + i, "alice", "USD", null, 0, metadata, false))).toList();
        long eachBytes = StreamEvent.of(1, "ring", heavy.get(0)).estimatedBytes();
        EventRing small = new EventRing(100, 100, 10 * eachBytes, "ring");
        EventRing.Resume reader = small.attach(null);

        small.publish(heavy);

        assertThat(eachBytes).isGreaterThan(8 * 18_432);
        assertThat(small.keptBytes()).isLessThanOrEqualTo(10 * eachBytes);
        assertThat(small.read(reader.after(), 100, 0).lost()).as("the first were let go").isTrue();
        assertThat(small.read(40, 100, 0).events()).extracting(StreamEvent::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(41, 50).boxed().toList());
        assertThat(small.attach(small.idOf(20)).resetReason()).contains("too old");
    }

    @Test
    void small_events_are_kept_up_to_the_capacity_whatever_the_bytes_allow() throws InterruptedException {
        EventRing counted = new EventRing(100, 100, 1L << 30, "ring");
        EventRing.Resume reader = counted.attach(null);

        counted.publish(events);

        assertThat(counted.read(reader.after(), 100, 0).events()).hasSize(100);
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
