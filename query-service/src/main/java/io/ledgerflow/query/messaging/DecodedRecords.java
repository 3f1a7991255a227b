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
 * @param envelopes the events of the records before the poison one (records of unknown types have none)
 * @param count     how many records of the batch that is: the index of the poison one if there is one
 * @param poison    why the record at {@code count} can never be projected; null if the whole batch was decoded
 * @param lastByPartition the last of {@code envelopes} read from each partition
 */
record DecodedRecords(List<EventEnvelope> envelopes, int count, PoisonRecordException poison,
                      Map<TopicPartition, EventEnvelope> lastByPartition) {

    static DecodedRecords upToFirstPoison(List<ConsumerRecord<String, byte[]>> records, RecordDecoder decoder) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        Map<TopicPartition, EventEnvelope> last = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                decoder.decode(record).ifPresent(envelope -> {
                    envelopes.add(envelope);
                    last.put(new TopicPartition(record.topic(), record.partition()), envelope);
                });
            } catch (PoisonRecordException e) {
                return new DecodedRecords(envelopes, i, e, last);
            }
        }
        return new DecodedRecords(envelopes, records.size(), null, last);
    }
}
