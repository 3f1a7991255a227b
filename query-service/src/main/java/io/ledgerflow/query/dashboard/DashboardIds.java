package io.ledgerflow.query.dashboard;

import java.time.LocalDate;

/**
 * Ids and identity fields of the dashboard's counter documents, one set per partition so that each is fed by one
 * partition's offsets. Kafka topic names have no colon, currency codes and dates neither.
 */
final class DashboardIds {

    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String CURRENCY = "currency";
    static final String DAY = "day";
    /**
     * Where events without a place on the topic are counted: a partition of its own, which reads add up like the
     * others. No Kafka partition is negative.
     */
    static final String OUT_OF_PLACE_TOPIC = "out-of-place";
    static final int OUT_OF_PLACE_PARTITION = -1;

    private DashboardIds() {
    }

    static String totals(String topic, int partition, String currency) {
        return topic + ":" + partition + ":" + currency;
    }

    static String volume(String topic, int partition, String currency, LocalDate day) {
        return totals(topic, partition, currency) + ":" + day;
    }
}
