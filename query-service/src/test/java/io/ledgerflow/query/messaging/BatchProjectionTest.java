package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.BatchRecorder;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.ProjectionSnapshot;
import io.ledgerflow.query.support.Projections;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener takes a poll's records as one batch and writes them in bulk. Records published while the container
 * is stopped arrive together when it starts, so each test here knows what its batches held (and checks it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchProjectionTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static final LedgerStream STREAM = new LedgerStream();

    @Autowired
    MongoDatabase database;
    @Autowired
    MongoClient mongo;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    MeterRegistry meters;
    @Autowired
    BatchRecorder batches;

    @TestConfiguration
    static class RecordedBatches {

        /** The container factory's batch interceptor (Spring Boot applies the single one there is). */
        @Bean
        BatchRecorder batchRecorder() {
            return new BatchRecorder();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    /** As when the process stops after writing a batch's projections and before moving its checkpoints. */
    @Test
    @Order(1)
    void aBatchDeliveredTwiceLeavesIdenticalDocuments() {
        List<EventEnvelope> history = new ArrayList<>();
        history.add(STREAM.open("acc-1", "alice", "USD"));
        history.add(STREAM.open("acc-2", "bob", "USD"));
        history.add(STREAM.open("acc-3", "carol", "USD"));
        history.addAll(STREAM.deposit("d-1", "acc-1", 10_000));
        for (int i = 0; i < 10; i++) {
            history.addAll(STREAM.transfer("t-" + i, i % 2 == 0 ? "acc-1" : "acc-2", "acc-3", 100 + i));
        }
        history.addAll(STREAM.hold("p-1", "acc-1", "acc-2", 500, 60L));
        history.add(STREAM.freeze("acc-2"));
        history.addAll(STREAM.postPending("p-1", "acc-1", "acc-2", 500, 400));
        history.add(STREAM.reject("t-x", "acc-3", "acc-1", 99_999, "INSUFFICIENT_FUNDS"));
        LEDGER.publish(history);
        awaitProjectedEvents(history.size());
        Map<String, List<Document>> once = ProjectionSnapshot.of(database);

        MessageListenerContainer container = container();
        container.stop();
        database.getCollection(ProjectionCollections.PROJECTION_STATE)
                .updateMany(eq("topic", LEDGER.topic()), set("nextOffset", 0L));
        batches.clear();
        container.start();
        awaitProjectedEvents(2 * history.size());

        assertThat(ProjectionSnapshot.of(database)).isEqualTo(once);
        // 4 accounts with @world:USD, 2 entries per posting (deposit, 10 transfers, the posted hold), 13 transfers
        assertThat(ProjectionSnapshot.documentCount(once)).isEqualTo(4 + 2 * 12 + 13);
        List<List<ConsumerRecord<?, ?>>> redelivered = batches.batches();
        assertThat(redelivered.stream().mapToInt(List::size).sum()).isEqualTo(history.size());
        assertThat(redelivered).as("delivered again in batches, not record by record")
                .anySatisfy(batch -> assertThat(batch.size()).isGreaterThan(10));
    }

    @Test
    @Order(2)
    void aBatchWithManyEventsOfOneAccountLeavesItsNewestBalancesAndState() {
        container().stop();
        batches.clear();
        List<EventEnvelope> published = new ArrayList<>();
        published.add(STREAM.open("acc-hot", "dave", "USD"));
        for (int i = 0; i < 20; i++) {
            published.addAll(STREAM.deposit("dh-" + i, "acc-hot", 100));
        }
        published.add(STREAM.freeze("acc-hot"));
        published.add(STREAM.changeOverdraftLimit("acc-hot", 500));
        published.add(STREAM.unfreeze("acc-hot"));
        published.add(STREAM.changeOverdraftLimit("acc-hot", 700));
        for (int i = 0; i < 3; i++) {
            published.addAll(STREAM.withdraw("wh-" + i, "acc-hot", 50));
        }
        List<EventEnvelope> accountEvents = published.stream()
                .filter(envelope -> envelope.aggregateId().equals("acc-hot")).toList();
        LEDGER.publish(published);

        container().start();

        // settled: the settlement account's legs, on other partitions, applied too
        await().atMost(Duration.ofSeconds(30)).until(() -> account(database, "acc-hot") != null
                && Long.valueOf(accountEvents.size()).equals(account(database, "acc-hot").get("version"))
                && Long.valueOf(accountEvents.size()).equals(account(database, "acc-hot").get("settledThrough")));
        assertThat(batches.batches()).as("every event of the account in one batch").anySatisfy(batch ->
                assertThat(batch.stream().filter(record -> "acc-hot".equals(record.key())))
                        .hasSize(accountEvents.size()));
        assertThat(account(database, "acc-hot")).containsEntry("posted", 1_850L).containsEntry("status", "OPEN")
                .containsEntry("overdraftLimit", 700L).containsEntry("pendingDebits", 0L)
                .containsEntry("balancesVersion", 28L).containsEntry("stateVersion", 25L)
                .containsEntry("version", 28L).containsEntry("ownerId", "dave");
        MongoDatabase oneByOne = mongo.getDatabase(Infrastructure.newMongoDatabaseName());
        new Projections(oneByOne).applyEach(published);
        assertThat(account(database, "acc-hot")).isEqualTo(account(oneByOne, "acc-hot"));
    }

    @Test
    @Order(3)
    void aPoisonRecordInTheMiddleOfABatchIsDeadLetteredAndTheRecordsAroundItProjected() {
        container().stop();
        batches.clear();
        byte[] junk = "not a cloud event, in the middle of a batch".getBytes(StandardCharsets.UTF_8);
        LEDGER.publish(STREAM.open("acc-p", "erin", "USD"));
        LEDGER.publish(STREAM.deposit("dp-1", "acc-p", 1));
        LEDGER.publish(STREAM.deposit("dp-2", "acc-p", 20));
        // keyed like the account: on its partition, between its credits
        LEDGER.publishRaw("acc-p", junk);
        LEDGER.publish(STREAM.deposit("dp-3", "acc-p", 300));
        LEDGER.publish(STREAM.deposit("dp-4", "acc-p", 4_000));

        container().start();

        await().atMost(Duration.ofSeconds(30)).until(() -> account(database, "acc-p") != null
                && Long.valueOf(4_321L).equals(account(database, "acc-p").get("posted")));
        List<ConsumerRecord<String, byte[]>> deadLetters = LEDGER.readDeadLetters(1, Duration.ofSeconds(30));
        assertThat(deadLetters).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(junk));
        ConsumerRecord<?, ?> poison = batches.batches().stream().flatMap(List::stream)
                .filter(record -> record.value() instanceof byte[] bytes && Arrays.equals(bytes, junk))
                .findFirst().orElseThrow();
        assertThat(batches.batches()).as("the poison record in the middle of a batch of its account's records")
                .anySatisfy(batch -> {
                    int at = batch.indexOf(poison);
                    assertThat(at).isPositive();
                    assertThat(batch.subList(0, at)).anyMatch(record -> "acc-p".equals(record.key()));
                    assertThat(batch.subList(at + 1, batch.size())).anyMatch(record -> "acc-p".equals(record.key()));
                });
        assertThat(database.getCollection(ProjectionCollections.ENTRIES).countDocuments(eq("accountId", "acc-p")))
                .isEqualTo(4);
        assertThat(meters.counter("ledgerflow.projection.dead.letters").count()).isEqualTo(1);
        long partitionEnd = batches.batches().stream().flatMap(List::stream)
                .filter(record -> record.partition() == poison.partition())
                .mapToLong(ConsumerRecord::offset).max().orElseThrow() + 1;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(checkpoint(poison.partition()))
                .isEqualTo(partitionEnd));
        assertThat(LEDGER.allDeadLetters()).as("nothing else dead-lettered").hasSize(1);
    }

    private MessageListenerContainer container() {
        return listeners.getListenerContainer(LedgerEventListener.LISTENER_ID);
    }

    private static Document account(MongoDatabase database, String id) {
        return database.getCollection(ProjectionCollections.ACCOUNTS).find(eq("_id", id)).first();
    }

    private Object checkpoint(int partition) {
        Document checkpoint = database.getCollection(ProjectionCollections.PROJECTION_STATE)
                .find(and(eq("topic", LEDGER.topic()), eq("partition", partition))).first();
        return checkpoint == null ? null : checkpoint.get("nextOffset");
    }

    private void awaitProjectedEvents(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> projectedEvents() >= count);
        assertThat(projectedEvents()).isEqualTo(count);
    }

    private double projectedEvents() {
        return meters.find("ledgerflow.projection.events").counters().stream().mapToDouble(Counter::count).sum();
    }
}
