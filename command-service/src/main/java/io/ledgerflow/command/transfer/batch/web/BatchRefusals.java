package io.ledgerflow.command.transfer.batch.web;

import io.ledgerflow.command.security.Actor;
import io.ledgerflow.servicekit.web.ApiProblem;
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

    /** {@code refusal}: the answer {@link BatchResponses} gave the batch, naming its failing item. */
    void record(Actor actor, int items, ApiProblem refusal) {
        LOG.info("batch of {} items refused at item {} ({}), nothing applied; sent by {} ({})", items,
                refusal.properties().get("index"), refusal.code(), actor.subject(),
                actor.operator() ? "operator" : "client");
        Counter.builder("ledgerflow.batches.refused").tag("code", refusal.code())
                .description("batches refused by a ledger rule or an id in use; nothing applied or recorded")
                .register(meters).increment();
    }
}
