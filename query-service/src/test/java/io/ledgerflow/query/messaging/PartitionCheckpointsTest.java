package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.Infrastructure;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionCheckpointsTest {

    private static final TopicPartition P0 = new TopicPartition("ledger", 0);
    private static final TopicPartition P1 = new TopicPartition("ledger", 1);
    private static final TopicPartition OTHER_TOPIC = new TopicPartition("other", 0);

    private MongoClient client;
    private ProjectionCollections collections;
    private PartitionCheckpoints checkpoints;

    @BeforeEach
    void freshDatabase() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
        collections = new ProjectionCollections(client.getDatabase(Infrastructure.newMongoDatabaseName()));
        checkpoints = new PartitionCheckpoints(collections);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void anEmptyDatabaseHasNoCheckpoint() {
        assertThat(checkpoints.nextOffsets(List.of(P0, P1))).isEmpty();
    }

    @Test
    void checkpointsAreKeptPerTopicAndPartition() {
        checkpoints.advance("ledger", 0, 5);
        checkpoints.advance("other", 0, 9);

        assertThat(checkpoints.nextOffsets(List.of(P0, P1, OTHER_TOPIC))).isEqualTo(Map.of(P0, 5L, OTHER_TOPIC, 9L));
    }

    @Test
    void aRedeliveredRecordDoesNotMoveTheCheckpointBack() {
        checkpoints.advance("ledger", 0, 7);
        checkpoints.advance("ledger", 0, 3);

        assertThat(checkpoints.nextOffsets(List.of(P0))).containsEntry(P0, 7L);
    }

    @Test
    void eachGenerationHasItsOwnCheckpointsAndAGoneOneLeavesNone() {
        checkpoints.advance("ledger", 0, 7);
        collections.in("1", () -> checkpoints.advance("ledger", 0, 2));

        assertThat(checkpoints.nextOffsets(List.of(P0))).containsEntry(P0, 7L);
        assertThat(collections.in("1", () -> checkpoints.nextOffsets(List.of(P0, P1)))).isEqualTo(Map.of(P0, 2L));
        assertThat(checkpoints.all("ledger", "1")).extracting(PartitionCheckpoint::nextOffset).containsExactly(2L);

        checkpoints.forget("0", "ledger");

        assertThat(checkpoints.nextOffsets(List.of(P0))).isEmpty();
        assertThat(collections.in("1", () -> checkpoints.nextOffsets(List.of(P0)))).containsEntry(P0, 2L);
    }

    @Test
    void severalPartitionsAdvanceTogetherAndNoneMovesBack() {
        checkpoints.advanceAll(Map.of(P0, 4L, P1, 6L), Map.of());

        assertThat(checkpoints.advanceAll(Map.of(P0, 9L, P1, 2L), Map.of())).isTrue();

        assertThat(checkpoints.nextOffsets(List.of(P0, P1))).isEqualTo(Map.of(P0, 9L, P1, 6L));
    }

    @Test
    void aCheckpointThatVanishedAmongSeveralIsReportedAndNotRecreated() {
        checkpoints.advanceAll(Map.of(P0, 4L, P1, 6L), Map.of());
        collections.projectionState().deleteOne(com.mongodb.client.model.Filters.eq("_id", "offset:ledger:1"));

        assertThat(checkpoints.advanceAll(Map.of(P0, 5L, P1, 7L), Map.of())).isFalse();

        assertThat(checkpoints.nextOffsets(List.of(P0, P1))).isEqualTo(Map.of(P0, 5L));
    }
}
