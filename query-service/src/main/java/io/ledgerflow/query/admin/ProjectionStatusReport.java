package io.ledgerflow.query.admin;

import io.ledgerflow.query.messaging.LedgerKafkaProperties;
import io.ledgerflow.query.messaging.PartitionCheckpoint;
import io.ledgerflow.query.messaging.PartitionCheckpoints;
import io.ledgerflow.query.messaging.ProjectionRebuilds;
import io.ledgerflow.query.messaging.TopicEndOffsets;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The projections' checkpoints (from the database: every instance's) against the topic's end offsets (from the
 * broker, bounded: when Kafka is down the status still answers, without end offsets and lag).
 */
@Component
public class ProjectionStatusReport {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    private final PartitionCheckpoints checkpoints;
    private final TopicEndOffsets endOffsets;
    private final ProjectionCollections collections;
    private final ProjectionRebuilds rebuilds;
    private final String topic;
    private final Clock clock;

    public ProjectionStatusReport(PartitionCheckpoints checkpoints, TopicEndOffsets endOffsets,
                                  ProjectionCollections collections, ProjectionRebuilds rebuilds,
                                  LedgerKafkaProperties properties) {
        this.checkpoints = checkpoints;
        this.endOffsets = endOffsets;
        this.collections = collections;
        this.rebuilds = rebuilds;
        this.topic = properties.topic();
        this.clock = Clock.systemUTC();
    }

    public ProjectionStatus status() {
        String generation = collections.current();
        Optional<Map<TopicPartition, Long>> ends = endOffsets.of(topic, KAFKA_TIMEOUT);
        Map<Integer, PartitionCheckpoint> byPartition = new TreeMap<>();
        checkpoints.all(topic, generation).forEach(checkpoint -> byPartition.put(checkpoint.partition(), checkpoint));
        ends.ifPresent(offsets -> offsets.keySet().forEach(partition -> byPartition.putIfAbsent(
                partition.partition(), new PartitionCheckpoint(topic, partition.partition(), 0, null, null))));
        List<PartitionStatus> partitions = new ArrayList<>();
        for (PartitionCheckpoint checkpoint : byPartition.values()) {
            Long end = ends.map(offsets -> offsets.get(new TopicPartition(topic, checkpoint.partition())))
                    .orElse(null);
            Long lag = end == null ? null : Math.max(0, end - checkpoint.nextOffset());
            partitions.add(new PartitionStatus(topic, checkpoint.partition(), checkpoint.nextOffset(), end, lag,
                    checkpoint.lastPosition(), checkpoint.lastEventAt()));
        }
        boolean lagKnown = ends.isPresent() && partitions.stream().allMatch(partition -> partition.lag() != null);
        Long lag = lagKnown ? partitions.stream().mapToLong(PartitionStatus::lag).sum() : null;
        Long secondsSinceLastEvent = partitions.stream().map(PartitionStatus::lastEventAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(last -> Math.max(0, Duration.between(last, Instant.now(clock)).toSeconds()))
                .orElse(null);
        return new ProjectionStatus(generation, ProjectionCollections.PROJECTIONS, partitions, lag,
                secondsSinceLastEvent, rebuilds.status().orElse(null));
    }
}
