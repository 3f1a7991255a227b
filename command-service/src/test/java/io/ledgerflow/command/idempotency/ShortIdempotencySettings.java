package io.ledgerflow.command.idempotency;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Retention, purge and wait short enough to watch them happen; classes carrying it share one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = {"ledgerflow.idempotency.retention=2s", "ledgerflow.idempotency.purge-interval=200ms",
        "ledgerflow.idempotency.wait-timeout=500ms"})
@interface ShortIdempotencySettings {
}
