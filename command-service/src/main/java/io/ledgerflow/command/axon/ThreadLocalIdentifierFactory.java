package io.ledgerflow.command.axon;

import io.ledgerflow.servicekit.ids.RandomUuids;
import org.axonframework.common.IdentifierFactory;

/**
 * Message identifiers for every command and event, as random UUIDs like Axon's default, but without the JDK-wide
 * {@code SecureRandom} lock that request threads queued on. Found by Axon through {@code META-INF/services}.
 */
public class ThreadLocalIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return RandomUuids.next().toString();
    }
}
