package io.ledgerflow.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired keys every purge interval. Several instances purging at once is harmless. */
class ExpiredKeysPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPurge.class);

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;

    ExpiredKeysPurge(IdempotencyKeys keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    void purge() {
        try {
            int deleted = keys.purgeExpired();
            if (deleted > 0) {
                log.debug("purged {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("purging expired idempotency keys failed; trying again in {}", properties.purgeInterval(), e);
        }
    }
}
