package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of thousands of events overtaken by a small transaction leaves the publisher's token with thousands of
 * holes, which all fill when the batch commits. Every event a fetch returns carries a copy of the open holes: Axon
 * fetched all the filled ones at once, thousands of events each copying thousands of holes, and the command-service
 * ran out of memory. Fetches are bounded now, and every event is still read exactly once.
 */
class ManyHolesFilledAtOnceTest {

    private static final int BATCH = 3_000;

    @Test
    void a_batch_committed_after_a_later_event_is_read_in_fetches_of_bounded_size_each_event_once() throws Exception {
        TrackingStore store = new TrackingStore(new EventStoreProperties(Duration.ofSeconds(60), 1_000_000));
        TrackingStore.OpenTransaction batch = store.holdOpen(ids("batch", BATCH));
        store.append(List.of("overtaker"));
        List<String> read = new ArrayList<>();
        TrackingToken token = store.readAll(null, read);
        assertThat(((GapAwareTrackingToken) token).getGaps()).hasSize(BATCH);

        batch.commit();
        SnapshotGapsStorageEngine engine = (SnapshotGapsStorageEngine) store.engine;
        long mostCopied = 0;
        for (int fetch = 0; fetch < 1_000 && read.size() < BATCH + 1; fetch++) {
            List<? extends TrackedEventData<?>> fetched = engine.fetchTrackedEvents(token, 100);
            long copied = fetched.stream()
                    .mapToLong(event -> ((GapAwareTrackingToken) event.trackingToken()).getGaps().size()).sum();
            mostCopied = Math.max(mostCopied, copied);
            fetched.forEach(event -> read.add(((DomainEventData<?>) event).getAggregateIdentifier()));
            token = fetched.isEmpty() ? token : fetched.get(fetched.size() - 1).trackingToken();
        }

        assertThat(read).hasSize(BATCH + 1).doesNotHaveDuplicates().containsAll(ids("batch", BATCH));
        assertThat(mostCopied).as("holes copied into the tokens of one fetch (Axon alone: about 4.5 million)")
                .isLessThanOrEqualTo(3L * SnapshotGapsStorageEngine.GAP_COPIES_PER_FETCH);
    }

    /**
     * A fetch asks for the lowest holes only. Holes it did not ask for may have filled meanwhile: were they judged
     * by that read (every transaction that could fill them has ended, and the read did not find them), their events
     * would be given up. Here the lowest holes are rolled back and those above them committed.
     */
    @Test
    void holes_a_fetch_did_not_ask_for_are_never_given_up_by_it() throws Exception {
        TrackingStore store = new TrackingStore(new EventStoreProperties(Duration.ofMillis(200), 1_000_000));
        store.appendRolledBack(ids("rolled-back", 100));
        TrackingStore.OpenTransaction batch = store.holdOpen(ids("batch", BATCH));
        store.append(List.of("overtaker"));
        List<String> read = new ArrayList<>();
        AtomicReference<TrackingToken> token = new AtomicReference<>(store.readAll(null, read));
        batch.commit();

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            token.set(store.readAll(token.get(), read));
            return ((GapAwareTrackingToken) token.get()).getGaps().isEmpty();
        });

        assertThat(read).hasSize(BATCH + 1).containsAll(ids("batch", BATCH)).doesNotHaveDuplicates()
                .noneMatch(id -> id.startsWith("rolled-back"));
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
