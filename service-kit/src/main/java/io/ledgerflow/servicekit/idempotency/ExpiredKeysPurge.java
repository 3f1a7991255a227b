package io.ledgerflow.servicekit.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.util.function.LongSupplier;

/** Deletes expired keys every purge interval. Several instances purging at once is harmless. */
public class ExpiredKeysPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPurge.class);

    private final LongSupplier purgeExpired;
    private final IdempotencyProperties properties;

    /** @param purgeExpired deletes the store's expired keys and answers how many */
    public ExpiredKeysPurge(LongSupplier purgeExpired, IdempotencyProperties properties) {
        this.purgeExpired = purgeExpired;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::purge, properties.purgeInterval());
    }

    public void purge() {
        try {
            long deleted = purgeExpired.getAsLong();
            if (deleted > 0) {
                log.debug("purged {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("purging expired idempotency keys failed; trying again in {}", properties.purgeInterval(), e);
        }
    }
}
