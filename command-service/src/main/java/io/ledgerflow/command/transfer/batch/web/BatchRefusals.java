package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.command.transfer.TransferOutcome;
import io.ledgerflow.command.transfer.batch.BatchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A refused batch records nothing in the ledger, unlike a refused single transfer (whose id stays rejected). So a
 * caller could try accounts and ids a thousand at a time, learning from the failing item's index which exist,
 * without a trace: each refusal is logged with who sent it and counted
 * ({@code ledgerflow.batches.refused{code}}), so that such probing shows.
 */
@Component
class BatchRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRefusals.class);

    private final MeterRegistry meters;

    BatchRefusals(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(Actor actor, int items, BatchOutcome outcome) {
        String code;
        int index;
        if (outcome instanceof BatchOutcome.ItemRejected rejected) {
            code = rejected.rejection().code().name();
            index = rejected.index();
        } else if (outcome instanceof BatchOutcome.ItemIdRefused refused) {
            code = refused.refusal() instanceof TransferOutcome.IdAlreadyFailed ? "ID_ALREADY_FAILED"
                    : "ID_EXISTS_WITH_DIFFERENT_FIELDS";
            index = refused.index();
        } else {
            return;
        }
        LOG.info("batch of {} items refused at item {} ({}), nothing applied; sent by {} ({})", items, index, code,
                actor.subject(), actor.operator() ? "operator" : "client");
        Counter.builder("ledgerflow.batches.refused").tag("code", code)
                .description("batches refused by a ledger rule or an id in use; nothing applied or recorded")
                .register(meters).increment();
    }
}
