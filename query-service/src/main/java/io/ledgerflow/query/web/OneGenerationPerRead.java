package io.ledgerflow.query.web;

import io.ledgerflow.query.mongo.ProjectionCollections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

/**
 * A read sees one generation of the projections from its first query to its last. A rebuild's switch may come
 * while a read runs: without this, its account documents would come from the old generation and their balance
 * history and pairs from the new one, which is not the same moment of the ledger (a leg applied in one and not
 * yet in the other shows without its partner). The old generation stays readable for the drop grace after the
 * switch (see {@code OldGenerationSweep}), so a read that began on it ends on it. Runs after the consistency wait:
 * a read that waited for a command reads the generation that reflected it.
 */
@Component
public class OneGenerationPerRead implements AsyncHandlerInterceptor {

    private final ProjectionCollections collections;

    public OneGenerationPerRead(ProjectionCollections collections) {
        this.collections = collections;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        collections.writeTo(collections.current());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        collections.writeTo(null);
    }

    /** A stream goes on on other threads; the request's thread goes back to the pool unpinned. */
    @Override
    public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
                                               Object handler) {
        collections.writeTo(null);
    }
}
