package io.ledgerflow.command.transfer;

import io.ledgerflow.command.axon.LedgerCorrelationData;
import io.ledgerflow.command.security.Actor;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Expires due pending transfers: every poll interval it reads the due rows of {@link PendingExpiries} and sends
 * each an {@link Resolution.ExpirePending} command, which locks, decides and appends like a post or a void and
 * deletes the row in the same transaction. A row that fails stays and is tried again next time, so an expiry
 * missed while the service was down happens at the first poll after it started again.
 */
@Component
class PendingExpiryJob implements SchedulingConfigurer {

    static final String PRINCIPAL = "system:expiry";
    private static final Logger log = LoggerFactory.getLogger(PendingExpiryJob.class);
    private static final int BATCH = 100;

    private final PendingExpiries expiries;
    private final CommandGateway gateway;
    private final Duration interval;

    PendingExpiryJob(PendingExpiries expiries, CommandGateway gateway,
                     @Value("${ledgerflow.transfers.expiry-poll-interval:500ms}") Duration interval) {
        this.expiries = expiries;
        this.gateway = gateway;
        this.interval = interval;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::expireDue, interval);
    }

    void expireDue() {
        try {
            List<String> due = expiries.due(BATCH);
            for (String transferId : due) {
                expire(transferId);
            }
        } catch (RuntimeException e) {
            log.warn("reading due pending transfers failed; trying again in {}", interval, e);
        }
    }

    private void expire(String transferId) {
        try {
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new ResolvePendingTransfer(transferId,
                            new Resolution.ExpirePending(), new Actor(PRINCIPAL, true)))
                    .andMetaData(MetaData.from(Map.of(LedgerCorrelationData.PRINCIPAL, PRINCIPAL))));
        } catch (RuntimeException e) {
            log.warn("expiring pending transfer {} failed; trying again in {}", transferId, interval, e);
        }
    }
}
