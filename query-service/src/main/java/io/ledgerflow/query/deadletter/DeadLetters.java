package io.ledgerflow.query.deadletter;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.messaging.BeforeGenerationSwitch;
import io.ledgerflow.query.messaging.PoisonRecordException;
import io.ledgerflow.query.messaging.ProjectionDispatcher;
import io.ledgerflow.query.messaging.ProjectionRebuilds;
import io.ledgerflow.query.messaging.RebuildStatus;
import io.ledgerflow.query.messaging.RecordDecoder;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.web.Page;
import io.ledgerflow.servicekit.web.ApiProblem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the dead-letter topic and re-applies one of its records through the same decoder and projections as the
 * listener, into the current generation and a rebuild's. Re-applying is safe whether or not the event was applied
 * meanwhile (the writes are idempotent), so a retry needs no coordination with the consumer.
 */
@Component
public class DeadLetters implements BeforeGenerationSwitch {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterTopicReader topic;
    private final DeadLetterRetries retries;
    private final RecordDecoder decoder;
    private final ProjectionDispatcher dispatcher;
    private final ProjectionCollections collections;
    /** Lazily: the rebuilds run this class's preparation, so they cannot be built before it. */
    private final ObjectProvider<ProjectionRebuilds> rebuilds;

    public DeadLetters(DeadLetterTopicReader topic, DeadLetterRetries retries, RecordDecoder decoder,
                       ProjectionDispatcher dispatcher, ProjectionCollections collections,
                       ObjectProvider<ProjectionRebuilds> rebuilds) {
        this.topic = topic;
        this.retries = retries;
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.collections = collections;
        this.rebuilds = rebuilds;
    }

    public Page<DeadLetter> page(DeadLetterListQuery query) {
        List<ConsumerRecord<String, byte[]>> records = topic.read(query.cursor().from(), query.limit() + 1);
        boolean more = records.size() > query.limit();
        List<ConsumerRecord<String, byte[]>> page = more ? records.subList(0, query.limit()) : records;
        Map<String, Instant> retried = retries.of(topic.topic(), page.stream().map(DeadLetters::idOf).toList());
        List<DeadLetter> items = page.stream().map(record -> deadLetter(record, retried.get(idOf(record)))).toList();
        String next = null;
        if (more) {
            ConsumerRecord<String, byte[]> last = page.get(page.size() - 1);
            next = new DeadLetterCursor(new DeadLetterId(last.partition(), last.offset() + 1)).encode();
        }
        return new Page<>(items, next);
    }

    /**
     * Projects the dead letter's event into the current projections.
     *
     * @throws ApiProblem 422 {@code DEAD_LETTER_STILL_FAILING} when the record still cannot be projected
     */
    public DeadLetter retry(String id) {
        DeadLetterId where = DeadLetterId.parse(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        ConsumerRecord<String, byte[]> record = topic.find(where).orElseThrow(() -> new DeadLetterNotFoundException(id));
        EventEnvelope envelope;
        try {
            envelope = decoder.decode(record).orElseThrow(() -> stillFailing(id,
                    "its event type is unknown to this service: nothing would project it"));
        } catch (PoisonRecordException e) {
            throw stillFailing(id, e.getMessage());
        }
        String generation = collections.current();
        applyTo(generation, envelope);
        Instant now = Instant.now();
        retries.record(topic.topic(), id, now);
        // a switch re-applies the retries recorded when it prepares; one recorded after that would be lost with the
        // generation it went to, so it goes to the rebuild's generation too (twice is harmless: writes are idempotent)
        rebuildGeneration().filter(rebuilt -> !rebuilt.equals(generation))
                .ifPresent(rebuilt -> applyTo(rebuilt, envelope));
        log.info("Dead letter {} of {} re-applied: event {} at position {}", id, topic.topic(), envelope.id(),
                envelope.position());
        return deadLetter(record, null).retriedAt(now);
    }

    private void applyTo(String generation, EventEnvelope envelope) {
        collections.in(generation, () -> {
            dispatcher.dispatch(List.of(envelope));
            return null;
        });
    }

    /** The generation a rebuild builds, switches to, or has just made current; empty when none or it failed. */
    private Optional<String> rebuildGeneration() {
        return rebuilds.getObject().status()
                .filter(status -> !ProjectionRebuilds.FAILED.equals(status.state()))
                .map(RebuildStatus::generation);
    }

    /**
     * A rebuild replays the ledger topic, where a re-applied dead letter's original record either is projected now
     * (its cause was fixed: nothing to add) or still fails (skipped by the rebuild): those, and dead letters that
     * name no original the rebuild projected, are re-applied to the new generation, or it would lose them.
     */
    @Override
    public void prepare(String generation, Replayed replayed) {
        for (String id : retries.all(topic.topic()).keySet()) {
            Optional<ConsumerRecord<String, byte[]>> record = DeadLetterId.parse(id).flatMap(topic::find);
            if (record.isEmpty() || projectedByTheRebuild(record.get(), replayed)) {
                continue;
            }
            Optional<EventEnvelope> envelope;
            try {
                envelope = decoder.decode(record.get());
            } catch (PoisonRecordException e) {
                log.warn("Dead letter {} was re-applied once but no longer decodes: {}", id, e.getMessage());
                continue;
            }
            envelope.ifPresent(event -> applyTo(generation, event));
        }
    }

    private static boolean projectedByTheRebuild(ConsumerRecord<String, byte[]> deadLetter, Replayed replayed) {
        Optional<String> originalTopic = text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        Optional<Long> partition = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Optional<Long> offset = number(deadLetter, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return originalTopic.isPresent() && partition.isPresent() && offset.isPresent()
                && replayed.projected(originalTopic.get(), partition.get().intValue(), offset.get());
    }

    private static ApiProblem stillFailing(String id, String error) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "DEAD_LETTER_STILL_FAILING",
                "Dead letter " + id + " still cannot be projected: " + error, Map.of("deadLetterId", id,
                "error", error));
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, Instant retriedAt) {
        String error = text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)
                .or(() -> text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .or(() -> text(record, KafkaHeaders.DLT_EXCEPTION_FQCN))
                .orElse(null);
        return new DeadLetter(idOf(record), record.topic(), record.partition(), record.offset(), record.key(),
                text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC).orElse(null),
                number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION).map(Long::intValue).orElse(null),
                number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET).orElse(null),
                error, Instant.ofEpochMilli(record.timestamp()), retriedAt != null, retriedAt);
    }

    private static String idOf(ConsumerRecord<?, ?> record) {
        return new DeadLetterId(record.partition(), record.offset()).toString();
    }

    private static Optional<String> text(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null || found.value() == null ? Optional.empty()
                : Optional.of(new String(found.value(), StandardCharsets.UTF_8));
    }

    /** Spring's recoverer writes the original partition as 4 bytes and the offset as 8, big-endian. */
    private static Optional<Long> number(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        if (found == null || found.value() == null) {
            return Optional.empty();
        }
        byte[] value = found.value();
        return switch (value.length) {
            case Integer.BYTES -> Optional.of((long) ByteBuffer.wrap(value).getInt());
            case Long.BYTES -> Optional.of(ByteBuffer.wrap(value).getLong());
            default -> Optional.empty();
        };
    }
}
