package io.ledgerflow.command.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's driver sends the events of one append as multi-row inserts (at most 128 rows each, as many
 * statements as the count has bits set: a transfer's three go as two). The event store's rules must not notice:
 * one append's events keep their order in the global index, and an append that collides with a stored event is a
 * concurrency conflict that stores none of its events, whichever statement of the append hit it.
 */
class MultiRowAppendsTest {

    private final TrackingStore store =
            new TrackingStore(new EventStoreProperties(Duration.ofSeconds(60), 10_000), true);

    @Test
    void an_append_goes_as_one_insert_per_bit_of_its_event_count_at_most_128_rows_each() {
        LongSupplier statements = store.countInsertStatements();

        store.append(List.of("transfer-debit", "transfer-credit", "transfer-posted"));
        long transfer = statements.getAsLong();
        store.append(IntStream.range(0, 300).mapToObj(i -> "batch-" + i).toList());
        long batch = statements.getAsLong() - transfer;

        assertThat(transfer).as("a transfer's three events: two rows, one row").isEqualTo(2);
        assertThat(batch).as("a batch of 100's 300 events: 128 + 128 + 32 + 8 + 4 rows").isEqualTo(5);
    }

    @Test
    void the_events_of_one_append_keep_their_order_in_the_global_index() {
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "ordered-" + (299 - i)).toList();
        store.append(ids);

        List<String> read = new ArrayList<>();
        store.readAll(null, read);

        assertThat(read).containsExactlyElementsOf(ids);
    }

    @Test
    void an_append_that_collides_with_a_stored_event_is_a_conflict_and_stores_none_of_its_events() {
        store.appendEvents(List.of(event("stored", 0), event("other", 0)));
        List<DomainEventMessage<?>> colliding = new ArrayList<>();
        colliding.add(event("other", 1));
        IntStream.range(0, 140).forEach(i -> colliding.add(event("fresh-" + i, 0)));
        colliding.add(event("stored", 0)); // in a later statement than the first, which carries 128 rows
        colliding.add(event("fresh-last", 0));

        assertThatThrownBy(() -> store.appendEvents(colliding)).isInstanceOf(ConcurrencyException.class);

        List<String> freshIds = new ArrayList<>(IntStream.range(0, 140).mapToObj(i -> "fresh-" + i).toList());
        freshIds.add("fresh-last");
        assertThat(store.stored(freshIds)).as("events of the refused append").isZero();
        assertThat(store.stored(List.of("other"))).as("the stream the refused append went on").isEqualTo(1);
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregateId, sequence, "payload of " + aggregateId);
    }
}
