package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch's records decoded up to its first poison record, if any.
 *
 * @param records   the events of the records before the poison one, with their places on the topic (records of
 *                  unknown types have none)
 * @param count     how many records of the batch that is: the index of the poison one if there is one
 * @param poison    why the record at {@code count} can never be projected; null if the whole batch was decoded
 */
record DecodedRecords(List<LedgerRecord> records, int count, PoisonRecordException poison) {

    static DecodedRecords upToFirstPoison(List<ConsumerRecord<String, byte[]>> records, RecordDecoder decoder) {
        List<LedgerRecord> decoded = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                decoder.decode(record).ifPresent(envelope -> decoded.add(
                        new LedgerRecord(record.topic(), record.partition(), record.offset(), envelope)));
            } catch (PoisonRecordException e) {
                return new DecodedRecords(decoded, i, e);
            }
        }
        return new DecodedRecords(decoded, records.size(), null);
    }

    /** The last event of {@link #records()} read from each partition. */
    Map<TopicPartition, EventEnvelope> lastByPartition() {
        Map<TopicPartition, EventEnvelope> last = new HashMap<>();
        records.forEach(record -> last.put(new TopicPartition(record.topic(), record.partition()),
                record.envelope()));
        return last;
    }
}
