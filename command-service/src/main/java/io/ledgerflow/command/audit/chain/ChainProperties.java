package io.ledgerflow.command.audit.chain;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param interval  how often the linker looks for new events (it goes on at once while it finds full batches)
 * @param batchSize events linked per transaction
 * @param gapGrace  how long a hole in the global index must last, after every transaction that could still fill
 *                  it has ended, before the chain passes it by
 */
@ConfigurationProperties("ledgerflow.audit.chain")
public record ChainProperties(@DefaultValue("true") boolean enabled,
                              @DefaultValue("200ms") Duration interval,
                              @DefaultValue("1000") int batchSize,
                              @DefaultValue("1s") Duration gapGrace) {
}
