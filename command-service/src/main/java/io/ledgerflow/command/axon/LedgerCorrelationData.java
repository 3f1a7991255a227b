package io.ledgerflow.command.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies onto every event the correlation id, principal (token subject) and OAuth2 client of the command that caused it, and names that
 * command as the event's causation.
 */
public class LedgerCorrelationData implements CorrelationDataProvider {

    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String PRINCIPAL = "principal";
    public static final String CLIENT_ID = "clientId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        data.put(CORRELATION_ID, message.getMetaData().getOrDefault(CORRELATION_ID, message.getIdentifier()));
        data.put(CAUSATION_ID, message.getIdentifier());
        copy(message, data, PRINCIPAL);
        copy(message, data, CLIENT_ID);
        return data;
    }

    private static void copy(Message<?> message, Map<String, Object> data, String key) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
