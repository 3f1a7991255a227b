package io.ledgerflow.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.pairing.Leg;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.SseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ring and its subscribers without HTTP: what recording clients receive, resuming, legs, filters. */
class LiveStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofSeconds(30);

    private final StartedStreams streams = new StartedStreams();

    @AfterEach
    void stopTheStreams() {
        streams.stopAll();
    }

    @Test
    void an_event_has_the_contract_frame() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink reader = readingEverything(live);
        LedgerStream stream = aliceAndBob();
        stream.transfer("t-1", "a", "b", 2_500);

        settleEveryPair(live, stream.all());
        live.projected(stream.all());

        await().until(() -> reader.events().size() == stream.all().size());
        String text = reader.text();
        SseFrame posted = reader.events().stream().filter(frame -> "TransferPosted".equals(frame.event()))
                .findFirst().orElseThrow();
        assertThat(text).contains("id: " + posted.id() + "\nevent: TransferPosted\ndata: {\"type\":\"TransferPosted\","
                + "\"position\":" + positionOf(stream.all(), "TransferPosted") + ",");
        JsonNode data = data(posted);
        assertThat(data.path("accountIds").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(data.path("transferId").asText()).isEqualTo("t-1");
        assertThat(data.path("event").path("terms").path("amount").asLong()).isEqualTo(2_500);
        assertThat(data.path("at").asText()).isNotBlank();
        SseFrame credited = reader.events().stream().filter(frame -> "AccountCredited".equals(frame.event()))
                .findFirst().orElseThrow();
        assertThat(data(credited).path("accountIds").toString()).isEqualTo("[\"b\"]");
        assertThat(data(credited).path("transferId").asText()).isEqualTo("t-1");
        SseFrame opened = reader.events().get(0);
        assertThat(data(opened).path("transferId").isNull()).isTrue();
        assertThat(data(opened).path("sequence").asLong()).isZero();
    }

    @Test
    void the_opening_advises_a_retry_delay_and_names_the_starting_point() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        live.projected(accountsOpened(3));
        RecordingSink reader = RecordingSink.reading();

        live.subscribe(StreamFilter.EVERYTHING, null, reader);

        await().until(() -> !reader.frames().isEmpty());
        SseFrame opening = reader.frames().get(0);
        assertThat(opening.retry()).isEqualTo("1000");
        assertThat(sequenceOf(opening.id())).isEqualTo(3);
        assertThat(opening.isEvent()).isFalse();
    }

    @Test
    void a_last_event_id_resumes_with_exactly_the_events_after_it_then_goes_on_live() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink first = readingEverything(live);
        List<EventEnvelope> events = accountsOpened(12);
        live.projected(events.subList(0, 10));
        await().until(() -> first.events().size() == 10);
        String fourth = first.events().get(3).id();

        RecordingSink resumed = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, fourth, resumed);
        live.projected(events.subList(10, 12));

        await().until(() -> resumed.events().size() == 8);
        assertThat(resumed.events().subList(0, 6)).extracting(SseFrame::id)
                .containsExactlyElementsOf(first.events().subList(4, 10).stream().map(SseFrame::id).toList());
        assertThat(resumed.events()).extracting(frame -> sequenceOf(frame.id()))
                .containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(resumed.frames()).noneMatch(frame -> "reset".equals(frame.event()));
    }

    @Test
    void a_client_that_left_while_nobody_else_watched_resumes_and_events_nobody_can_ask_for_are_not_kept() {
        LiveStream live = streams.start(100, 5, 10, QUIET);
        RecordingSink first = RecordingSink.reading();
        Subscriber leaving = live.subscribe(StreamFilter.EVERYTHING, null, first);
        List<EventEnvelope> events = accountsOpened(15);
        live.projected(events.subList(0, 3));
        await().until(() -> first.events().size() == 3);
        leaving.close();
        await().until(() -> live.subscriberCount() == 0);
        live.projected(events.subList(3, 6));

        RecordingSink back = RecordingSink.reading();
        Subscriber returned = live.subscribe(StreamFilter.EVERYTHING, first.events().get(2).id(), back);

        await().until(() -> back.events().size() == 3);
        assertThat(back.events()).extracting(frame -> sequenceOf(frame.id())).containsExactly(4L, 5L, 6L);
        assertThat(back.frames()).noneMatch(frame -> "reset".equals(frame.event()));

        returned.close();
        await().until(() -> live.subscriberCount() == 0);
        live.projected(events.subList(6, 15));
        String instance = first.events().get(0).id().split("-")[0];
        RecordingSink forged = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, instance + "-11", forged);
        await().until(() -> !forged.events().isEmpty());
        assertThat(forged.events().get(0).event()).as("12 came after max backlog past the last leaving: not kept")
                .isEqualTo("reset");
    }

    @Test
    void an_unknown_or_too_old_last_event_id_gets_a_reset_first_then_the_live_events() {
        LiveStream live = streams.start(100, 5, 10, QUIET);
        RecordingSink probe = readingEverything(live);
        List<EventEnvelope> events = accountsOpened(10);
        for (int published = 0; published < events.size(); published += 2) {
            live.projected(events.subList(published, published + 2));
            int head = published + 2;
            await().until(() -> probe.events().size() == head);
        }
        String instance = probe.events().get(0).id().split("-")[0];

        for (String lastEventId : List.of("zzz-3", "3", "not an id", instance + "-999", instance + "-2",
                "\u0000", "x".repeat(5_000))) {
            RecordingSink client = RecordingSink.reading();
            live.subscribe(StreamFilter.EVERYTHING, lastEventId, client);
            await().until(() -> !client.events().isEmpty());
            SseFrame reset = client.events().get(0);
            assertThat(reset.event()).as(lastEventId).isEqualTo("reset");
            assertThat(data(reset).path("reason").asText()).isNotBlank();
            assertThat(sequenceOf(reset.id())).as("resuming after the reset loses nothing").isEqualTo(10);
        }
        RecordingSink recent = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, instance + "-5", recent);
        await().until(() -> recent.events().size() == 5);
        assertThat(recent.events()).noneMatch(frame -> "reset".equals(frame.event()));
    }

    @Test
    void a_leg_is_sent_once_its_pair_is_settled() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink reader = readingEverything(live);
        LedgerStream stream = aliceAndBob();
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 2_500);

        live.projected(stream.all().subList(0, 2));
        live.projected(transfer.subList(0, 2));
        await().until(() -> reader.events().size() == 3);
        live.settled(List.of("t-1/post"));
        live.projected(transfer.subList(2, 3));

        await().until(() -> reader.events().size() == 5);
        assertThat(reader.events()).extracting(SseFrame::event).containsExactly("AccountOpened", "AccountOpened",
                "TransferPosted", "AccountDebited", "AccountCredited");
    }

    @Test
    void one_accounts_events_go_out_in_sequence_order_whichever_of_its_pairs_settles_first() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink reader = readingEverything(live);
        LedgerStream stream = aliceAndBob();
        stream.open("c", "carol", "USD");
        stream.deposit("d-1", "a", 10_000);
        settleEveryPair(live, stream.all());
        live.projected(stream.all());
        List<EventEnvelope> toBob = stream.transfer("t-1", "a", "b", 100);
        List<EventEnvelope> toCarol = stream.transfer("t-2", "a", "c", 200);
        EventEnvelope frozen = stream.freeze("a");

        live.projected(List.of(toBob.get(0), toCarol.get(0)));
        // a's consumer projects its three events; c's consumer then settles t-2 before b's consumer settles t-1
        live.projected(List.of(toBob.get(1), toCarol.get(1), frozen));
        live.settled(List.of("t-2/post"));
        live.projected(List.of(toCarol.get(2)));
        live.settled(List.of("t-1/post"));
        live.projected(List.of(toBob.get(2)));

        await().until(() -> reader.events().size() == stream.all().size());
        assertThat(reader.events()).extracting(LiveStreamTest::data)
                .filteredOn(data -> data.path("accountIds").toString().equals("[\"a\"]"))
                .extracting(data -> data.path("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void a_subscriber_coming_while_legs_that_went_out_unwatched_are_unsettled_opens_once_they_settle() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        LedgerStream stream = aliceAndBob();
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 2_500);
        live.projected(stream.all().subList(0, 2));
        live.projected(transfer.subList(0, 2));

        RecordingSink reader = RecordingSink.reading();
        CompletableFuture<Subscriber> subscribing = CompletableFuture.supplyAsync(
                () -> live.subscribe(StreamFilter.EVERYTHING, null, reader));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3))
                .until(() -> reader.frames().isEmpty() && !subscribing.isDone());
        live.settled(List.of("t-1/post"));

        await().until(() -> !reader.frames().isEmpty());
        assertThat(sequenceOf(reader.frames().get(0).id())).as("the debit went out before: a read now shows it")
                .isEqualTo(4);
        live.projected(transfer.subList(2, 3));
        await().until(() -> reader.events().size() == 1);
        assertThat(reader.events()).extracting(SseFrame::event).containsExactly("AccountCredited");
    }

    @Test
    void a_subscriber_whose_unwatched_legs_do_not_settle_opens_after_the_opening_wait() {
        LiveStream live = streams.start(new StreamProperties(100, 100, 10, QUIET, Duration.ofSeconds(1), 10,
                Duration.ofMillis(300), null));
        LedgerStream stream = aliceAndBob();
        live.projected(stream.all());
        live.projected(stream.transfer("t-1", "a", "b", 2_500).subList(0, 2));

        RecordingSink reader = RecordingSink.reading();
        CompletableFuture<Subscriber> subscribing = CompletableFuture.supplyAsync(
                () -> live.subscribe(StreamFilter.EVERYTHING, null, reader));

        await().atMost(Duration.ofSeconds(3)).until(subscribing::isDone);
        assertThat(reader.frames()).as("the opening, though the pair of the debit never settled").isNotEmpty();
    }

    /** A reader of every event from now on. */
    private static RecordingSink readingEverything(LiveStream live) {
        RecordingSink reader = RecordingSink.reading();
        live.subscribe(StreamFilter.EVERYTHING, null, reader);
        return reader;
    }

    /** Accounts a (alice's) and b (bob's), in USD, opened. */
    private static LedgerStream aliceAndBob() {
        LedgerStream stream = new LedgerStream();
        stream.open("a", "alice", "USD");
        stream.open("b", "bob", "USD");
        return stream;
    }

    /** As the projections do before the stream is told: the pairs of these legs are settled. */
    private static void settleEveryPair(LiveStream live, List<EventEnvelope> events) {
        live.settled(events.stream().map(Leg::of).flatMap(Optional::stream).map(Leg::pair).distinct().toList());
    }

    @Test
    void filters_choose_by_account_and_kind() {
        LiveStream live = streams.start(100, 100, 10, QUIET);
        RecordingSink bobs = RecordingSink.reading();
        RecordingSink transfers = RecordingSink.reading();
        RecordingSink credits = RecordingSink.reading();
        live.subscribe(StreamFilter.parse("b", null), null, bobs);
        live.subscribe(StreamFilter.parse(null, "transfer"), null, transfers);
        live.subscribe(StreamFilter.parse(null, "AccountCredited,AccountOpened"), null, credits);
        LedgerStream stream = aliceAndBob();
        stream.deposit("d-1", "a", 10_000);
        stream.transfer("t-1", "a", "b", 2_500);
        stream.reject("t-2", "b", "a", 99_999, "INSUFFICIENT_FUNDS");

        settleEveryPair(live, stream.all());
        live.projected(stream.all());

        await().until(() -> bobs.events().size() == 4 && transfers.events().size() == 3
                && credits.events().size() == 5);
        assertThat(bobs.events()).extracting(SseFrame::event)
                .containsExactly("AccountOpened", "TransferPosted", "AccountCredited", "TransferRejected");
        assertThat(transfers.events()).extracting(SseFrame::event)
                .containsExactly("TransferPosted", "TransferPosted", "TransferRejected");
        assertThat(credits.events()).extracting(frame -> data(frame).path("event").path("accountId").asText())
                .containsExactly("a", "b", "@world:USD", "a", "b");
    }

    static StreamProperties properties(int bufferSize, int maxBacklog, int maxSubscribers, Duration heartbeat,
                                       int maxPerCaller) {
        return new StreamProperties(bufferSize, maxBacklog, maxSubscribers, heartbeat, Duration.ofSeconds(1),
                maxPerCaller, StreamProperties.DEFAULT_OPENING_WAIT, null);
    }


    static List<EventEnvelope> accountsOpened(int count) {
        LedgerStream stream = new LedgerStream();
        IntStream.rangeClosed(1, count).forEach(i -> stream.open("acc-" + i, "owner-" + i, "USD"));
        return stream.all();
    }

    private static long positionOf(List<EventEnvelope> events, String type) {
        return events.stream().filter(envelope -> envelope.event().getClass().getSimpleName().equals(type))
                .findFirst().orElseThrow().position();
    }

    static long sequenceOf(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    static JsonNode data(SseFrame frame) {
        try {
            return JSON.readTree(frame.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
