package io.ledgerflow.events.envelope;

/**
 * CloudEvents 1.0 attribute and extension names. In Kafka binary mode each becomes a {@code ce_<name>} header.
 * Extension names are lower-case alphanumerics, as the CloudEvents spec requires.
 */
public final class CloudEventAttributes {

    public static final String SOURCE = "/ledgerflow/command-service";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static final String POSITION = "position";
    public static final String SEQUENCE = "sequence";
    public static final String AGGREGATE_TYPE = "aggregatetype";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String PRINCIPAL = "principal";
    public static final String CLIENT_ID = "clientid";

    public static final String HEADER_PREFIX = "ce_";

    private CloudEventAttributes() {
    }
}
