package io.ledgerflow.command.web;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.servicekit.security.Caller;
import io.ledgerflow.servicekit.web.CorrelationIdFilter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** Sends a command with the request's correlation id and caller, and waits for its outcome. */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("commands need a caller"));
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(LedgerCorrelationData.PRINCIPAL, caller.subject());
        metadata.put(LedgerCorrelationData.CLIENT_ID, caller.clientId());
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            metadata.put(LedgerCorrelationData.CORRELATION_ID, correlationId);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
    }
}
