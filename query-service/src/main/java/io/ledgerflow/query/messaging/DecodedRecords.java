package io.ledgerflow.query.messaging;

import io.ledgerflow.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch's records decoded up to its first poison record, if any.
 *
 * @param envelopes the events of the records before the poison one (records of unknown types have none)
 * @param count     how many records of the batch that is: the index of the poison one if there is one
 * @param poison    why the record at {@code count} can never be projected; null if the whole batch was decoded
 */
record DecodedRecords(List<EventEnvelope> envelopes, int count, PoisonRecordException poison) {

    static DecodedRecords upToFirstPoison(List<ConsumerRecord<String, byte[]>> records, RecordDecoder decoder) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                decoder.decode(records.get(i)).ifPresent(envelopes::add);
            } catch (PoisonRecordException e) {
                return new DecodedRecords(envelopes, i, e);
            }
        }
        return new DecodedRecords(envelopes, records.size(), null);
    }
}
