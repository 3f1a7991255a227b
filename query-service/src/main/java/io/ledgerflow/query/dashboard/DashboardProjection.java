package io.ledgerflow.query.dashboard;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ledgerflow.events.LedgerEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.events.transfer.TransferEvent;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.messaging.RecordProjection;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.GuardedWrite;
import io.ledgerflow.query.mongo.ProjectionCollections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Totals and volume from the transfer events alone, which carry a whole transfer (its two account legs are on
 * other partitions), so no total ever holds half a transfer.
 * <p>
 * Exact under any batching, redelivery and replay: counters live in documents per partition ({@link OffsetCounter})
 * that count each offset once. The publisher may also publish an event twice, at a new offset, and after a send
 * that timed out a transfer's later event may even reach the topic before an earlier one is sent again; so an event
 * is counted only if its sequence is not among those of its transfer counted before ({@link CountedSequences}):
 * those of earlier batches, recorded per transfer after the counters are written, and those earlier in this batch.
 * A batch that failed after writing its counters is read again before anything after it, so the sequences it did
 * not record come back with it.
 * <p>
 * An event applied out of its place (a dead letter retried) is counted once per event id, in counters of their own
 * ({@link EventIdCounter}) that reads add up like another partition's.
 */
@Component
public class DashboardProjection implements RecordProjection {

    private final OffsetCounter totals;
    private final OffsetCounter volume;
    private final EventIdCounter outOfPlaceTotals;
    private final EventIdCounter outOfPlaceVolume;
    private final ProjectionCollections collections;

    public DashboardProjection(ProjectionCollections collections) {
        this.collections = collections;
        this.totals = new OffsetCounter(collections::dashboardTotals);
        this.volume = new OffsetCounter(collections::dashboardVolume);
        this.outOfPlaceTotals = new EventIdCounter(collections::dashboardTotals);
        this.outOfPlaceVolume = new EventIdCounter(collections::dashboardVolume);
    }

    @Override
    public boolean handles(LedgerEvent event) {
        return event instanceof TransferEvent;
    }

    @Override
    public void project(List<LedgerRecord> records) {
        Map<String, CountedSequences> counted = countedSequences(records.stream()
                .map(record -> record.envelope().aggregateId()));
        Map<String, List<OffsetCounter.Increment>> totalsById = new LinkedHashMap<>();
        Map<String, Document> totalsIdentity = new HashMap<>();
        Map<String, List<OffsetCounter.Increment>> volumeById = new LinkedHashMap<>();
        Map<String, Document> volumeIdentity = new HashMap<>();
        for (LedgerRecord record : records) {
            TransferEvent event = (TransferEvent) record.envelope().event();
            if (!counted.computeIfAbsent(event.transferId(), id -> new CountedSequences())
                    .add(record.envelope().sequence())) {
                continue; // published again: counted when first read
            }
            TransferChange change = TransferChange.of(event);
            String currency = event.terms().currency();
            Instant at = record.envelope().time();
            String totalsId = DashboardIds.totals(record.topic(), record.partition(), currency);
            totalsIdentity.computeIfAbsent(totalsId, id -> identity(record.topic(), record.partition(), currency));
            totalsById.computeIfAbsent(totalsId, id -> new ArrayList<>())
                    .add(new OffsetCounter.Increment(record.offset(), at, change.totals()));
            if (change.moves()) {
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                String volumeId = DashboardIds.volume(record.topic(), record.partition(), currency, day);
                volumeIdentity.computeIfAbsent(volumeId,
                        id -> volumeIdentity(record.topic(), record.partition(), currency, day));
                volumeById.computeIfAbsent(volumeId, id -> new ArrayList<>())
                        .add(new OffsetCounter.Increment(record.offset(), at, VolumeFields.increments(at,
                                change.posted())));
            }
        }
        // totals first: a volume document then never exists without its partition's totals, which readers list
        totals.addAll(counted(totalsById, totalsIdentity));
        volume.addAll(counted(volumeById, volumeIdentity));
        recordCounted(records.stream().map(LedgerRecord::envelope).toList());
    }

    /**
     * Skipped only if its own sequence is listed as counted: a copy of it published again and read where it could be
     * decoded (after the query-service that dead-lettered it was upgraded) was counted there. Its transfer's other
     * events, later ones included, may have been counted before it; the changes add up in any order. Sequences implied
     * by an older document's {@code version} are not taken as counted: the dead letter was skipped below it.
     */
    @Override
    public void projectOutOfPlace(List<EventEnvelope> envelopes) {
        String topic = DashboardIds.OUT_OF_PLACE_TOPIC;
        int partition = DashboardIds.OUT_OF_PLACE_PARTITION;
        Map<String, CountedSequences> counted = countedSequences(envelopes.stream().map(EventEnvelope::aggregateId));
        for (EventEnvelope envelope : envelopes) {
            CountedSequences before = counted.get(envelope.aggregateId());
            if (before != null && before.listed(envelope.sequence())) {
                continue; // a copy published again was counted where it was read
            }
            TransferEvent event = (TransferEvent) envelope.event();
            TransferChange change = TransferChange.of(event);
            String currency = event.terms().currency();
            Instant at = envelope.time();
            outOfPlaceTotals.add(DashboardIds.totals(topic, partition, currency), identity(topic, partition, currency),
                    envelope.id(), at, change.totals());
            if (change.moves()) {
                LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
                outOfPlaceVolume.add(DashboardIds.volume(topic, partition, currency, day),
                        volumeIdentity(topic, partition, currency, day), envelope.id(), at,
                        VolumeFields.increments(at, change.posted()));
            }
        }
        recordCounted(envelopes);
    }

    private static Map<String, OffsetCounter.Counted> counted(Map<String, List<OffsetCounter.Increment>> byId,
                                                              Map<String, Document> identities) {
        Map<String, OffsetCounter.Counted> counted = new LinkedHashMap<>();
        byId.forEach((id, increments) -> counted.put(id, new OffsetCounter.Counted(identities.get(id), increments)));
        return counted;
    }

    /** The sequences of each of these transfers counted before. */
    private Map<String, CountedSequences> countedSequences(Stream<String> transferIds) {
        List<String> ids = transferIds.distinct().toList();
        Map<String, CountedSequences> counted = new HashMap<>();
        for (Document document : collections.dashboardTransfers().find(in("_id", ids))) {
            counted.put(document.getString("_id"), CountedSequences.of(document));
        }
        return counted;
    }

    private void recordCounted(List<EventEnvelope> envelopes) {
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        envelopes.forEach(envelope -> sequences.computeIfAbsent(envelope.aggregateId(), id -> new ArrayList<>())
                .add(envelope.sequence()));
        List<GuardedWrite> writes = new ArrayList<>(sequences.size());
        sequences.forEach((id, counted) -> {
            Bson added = Updates.addEachToSet(CountedSequences.SEQUENCES, counted);
            // two writers upserting one document: the one refused as a duplicate key adds to the other's
            writes.add(new GuardedWrite(new UpdateOneModel<>(eq("_id", id), added, new UpdateOptions().upsert(true)),
                    new UpdateOneModel<>(eq("_id", id), added)));
        });
        Bulk.inAnyOrder(collections.dashboardTransfers(), writes).execute();
    }

    private static Document identity(String topic, int partition, String currency) {
        return new Document(DashboardIds.TOPIC, topic).append(DashboardIds.PARTITION, partition)
                .append(DashboardIds.CURRENCY, currency);
    }

    private static Document volumeIdentity(String topic, int partition, String currency, LocalDate day) {
        return identity(topic, partition, currency)
                .append(DashboardIds.DAY, Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
}
