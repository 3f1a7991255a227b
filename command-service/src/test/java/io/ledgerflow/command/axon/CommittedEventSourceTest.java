package io.ledgerflow.command.axon;

import io.ledgerflow.command.messaging.KafkaPublisher;
import io.ledgerflow.command.support.CommandServiceTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The publisher's source: the store in global order, one fetch at a time, woken by commits. */
class CommittedEventSourceTest extends CommandServiceTest {

    @Autowired
    CommittedEventSource source;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void the_kafka_publisher_reads_the_committed_event_source() {
        TrackingEventProcessor publisher = processing
                .eventProcessor(KafkaPublisher.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();

        assertThat(publisher.getMessageSource()).isSameAs(source);
    }

    @Test
    void a_reader_waiting_at_the_head_is_woken_by_the_next_commit() throws Exception {
        String account = openAccount("USD");
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            // work of earlier tests in this context (an expiring hold) may still commit: read up to the head first
            while (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                stream.nextAvailable();
            }

            // far longer than the test may take: only a commit can end this wait early
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> waitFor(stream, 120));
            assertThat(deposit(account, unique("dep"), 100).status()).isEqualTo(201);

            await().until(woken::isDone);
            assertThat(woken.get()).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isNotNull();
        }
    }

    @Test
    void a_reader_gets_every_event_after_its_token_in_global_order_across_fetches_and_waits() throws Exception {
        TrackingToken start = source.createHeadToken();
        long from = ((GapAwareTrackingToken) start).getIndex();
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 1_000);
        List<Long> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(start)) {
            readAvailable(stream, read);
            for (int i = 0; i < 60; i++) { // more than one fetch of the storage engine (100 events)
                assertThat(transfer(unique("t"), a, b, 1, "USD").status()).isEqualTo(201);
            }
            readAvailable(stream, read);
        }

        List<Long> stored = jdbc.queryForList(
                "select globalindex from domainevententry where globalindex > ? order by globalindex", Long.class, from);
        assertThat(read).isEqualTo(stored.subList(0, read.size()));
        assertThat(read.size()).isGreaterThanOrEqualTo(2 + 2 + 60 * 3);
    }

    private static void readAvailable(BlockingStream<TrackedEventMessage<?>> stream, List<Long> into)
            throws InterruptedException {
        while (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
            into.add(((GapAwareTrackingToken) stream.nextAvailable().trackingToken()).getIndex());
        }
    }

    private static boolean waitFor(BlockingStream<TrackedEventMessage<?>> stream, int seconds) {
        try {
            return stream.hasNextAvailable(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
