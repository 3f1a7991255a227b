package io.ledgerflow.command.web;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** Sends a command with the request's correlation id and principal, and waits for its outcome. */
@Component
public class Commands {

    /** Until OAuth2 lands every caller is the same anonymous principal. */
    static final String ANONYMOUS = "anonymous";

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(LedgerCorrelationData.PRINCIPAL, ANONYMOUS);
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            metadata.put(LedgerCorrelationData.CORRELATION_ID, correlationId);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
    }
}
