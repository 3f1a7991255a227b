package io.ledgerflow.command.messaging;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The published position is the event's own global index, also for an event that commits after later ones. */
class PublishedPositionTest extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void an_event_committed_late_is_published_with_its_own_global_index() throws Exception {
        String template = openAccount("USD");
        String lateAccount = unique("late");
        String lateEventId = UUID.randomUUID().toString();
        long lateIndex;
        String laterTransfer = unique("t");
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            lateIndex = insertCopyOfOpening(slow, template, lateAccount, lateEventId);
            // committed and published while the slow transaction holds a lower index: a gap, filled later
            String a = openAccount("USD");
            deposit(a, unique("dep"), 100);
            assertThat(transfer(laterTransfer, a, openAccount("USD"), 10, "USD").status()).isEqualTo(201);
            consumeUntil(laterTransfer);
            slow.commit();
        }

        List<ConsumerRecord<String, byte[]>> records = consumeUntil(lateAccount, laterTransfer);

        ConsumerRecord<String, byte[]> late = records.stream().filter(r -> lateEventId.equals(header(r, "ce_id")))
                .findFirst().orElseThrow();
        ConsumerRecord<String, byte[]> later = records.stream().filter(r -> laterTransfer.equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(Long.parseLong(header(late, "ce_position"))).isEqualTo(lateIndex);
        assertThat(Long.parseLong(header(later, "ce_position"))).isGreaterThan(lateIndex);
        int checked = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            // the topic is shared with test classes that write to other databases
            List<Long> stored = jdbc.queryForList("select globalindex from domainevententry where eventidentifier = ?",
                    Long.class, header(record, "ce_id"));
            if (!stored.isEmpty()) {
                assertThat(Long.parseLong(header(record, "ce_position"))).as(header(record, "ce_type"))
                        .isEqualTo(stored.get(0));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    private static long insertCopyOfOpening(Connection connection, String template, String newId, String eventId)
            throws Exception {
        String sql = "insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                + " payload, payloadrevision, payloadtype, timestamp)"
                + " select ?, 0, type, ?, metadata, convert_to(replace(convert_from(payload, 'UTF8'), ?, ?), 'UTF8'),"
                + " payloadrevision, payloadtype, timestamp from domainevententry"
                + " where aggregateidentifier = ? and sequencenumber = 0 returning globalindex";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, "account/" + newId);
            insert.setString(2, eventId);
            insert.setString(3, template);
            insert.setString(4, newId);
            insert.setString(5, "account/" + template);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Until a record of every key has arrived: keys on different partitions arrive independently. */
    private static List<ConsumerRecord<String, byte[]>> consumeUntil(String... keys) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return Arrays.stream(keys)
                        .allMatch(key -> records.stream().anyMatch(r -> key.equals(r.key())));
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
