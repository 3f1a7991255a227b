package io.ledgerflow.command.axon;

import io.ledgerflow.events.Revision;
import org.axonframework.serialization.RevisionResolver;

/** Reads the published language's own {@link Revision}, which keeps shared-events free of Axon. */
public class LedgerRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        Revision revision = payloadType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }
}
