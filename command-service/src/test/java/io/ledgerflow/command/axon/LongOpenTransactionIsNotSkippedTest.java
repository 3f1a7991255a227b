package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher reads the store in global order and keeps, in its token, the holes of inserts not committed yet. A
 * transaction that took its place in the global index and stays open (a slow commit, a paused instance) while more
 * than ten thousand events commit after it must still be read once it commits: Axon's default gave that hole up
 * after ten thousand events, and the event was never published. The storage engine as configured here, on a
 * database of its own.
 */
class LongOpenTransactionIsNotSkippedTest {

    private static final int EVENTS_PAST = 12_000;

    @Test
    void an_event_committed_after_twelve_thousand_later_ones_is_still_read() throws Exception {
        TrackingStore store = new TrackingStore(new EventStoreProperties(Duration.ofSeconds(60), 1_000_000));

        TrackingStore.OpenTransaction slow = store.holdOpen(List.of("slow"));
        for (int batch = 0; batch < EVENTS_PAST / 1_000; batch++) {
            int number = batch;
            store.append(IntStream.range(0, 1_000).mapToObj(i -> "fast-" + number + "-" + i).toList());
        }

        List<String> read = new ArrayList<>();
        TrackingToken token = store.readAll(null, read);
        assertThat(read).hasSize(EVENTS_PAST).doesNotContain("slow");
        slow.commit();
        store.readAll(token, read);

        assertThat(read).hasSize(EVENTS_PAST + 1).endsWith("slow");
    }

    /**
     * Axon gave a hole up once an event after it was older than the gap timeout by the reader's clock: a transaction
     * still open by then (many statements, a paused instance, a reader behind, or a writer whose clock runs behind)
     * lost its event. Here the gap timeout is one second, the reader a second behind, and the transaction stays
     * open for three.
     */
    @Test
    void an_event_committed_long_after_the_gap_timeout_is_still_read() throws Exception {
        TrackingStore store = new TrackingStore(new EventStoreProperties(Duration.ofSeconds(1), 1_000_000));
        TrackingStore.OpenTransaction slow = store.holdOpen(List.of("slow"));

        List<String> read = new ArrayList<>();
        TrackingToken token = null;
        for (int round = 0; round < 3; round++) {
            store.append(List.of("fast-" + round));
            Thread.sleep(1_100); // the reader is behind: what it reads is older than the gap timeout
            token = store.readAll(token, read);
        }
        slow.commit();
        store.readAll(token, read);

        assertThat(read).containsExactly("fast-0", "fast-1", "fast-2", "slow");
    }

    @Test
    void the_hole_of_a_rolled_back_insert_is_given_up_once_its_transaction_has_ended() {
        TrackingStore store = new TrackingStore(new EventStoreProperties(Duration.ofMillis(200), 1_000_000));
        store.appendRolledBack(List.of("rolled-back"));
        List<String> read = new ArrayList<>();
        store.append(List.of("after-0"));
        TrackingToken first = store.readAll(null, read);
        assertThat(((GapAwareTrackingToken) first).getGaps()).as("the hole is watched first").hasSize(1);

        AtomicReference<TrackingToken> token = new AtomicReference<>(first);
        AtomicInteger round = new AtomicInteger(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            store.append(List.of("after-" + round.getAndIncrement()));
            token.set(store.readAll(token.get(), read));
            assertThat(((GapAwareTrackingToken) token.get()).getGaps()).isEmpty();
        });
        assertThat(read).doesNotContain("rolled-back").startsWith("after-0", "after-1");
    }
}
