package io.ledgerflow.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The payload revision of an event record. Our own annotation, so that the published language does not
 * depend on the Axon runtime; the command-service teaches Axon's serializer to read it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {
    String value();
}
