package io.ledgerflow.command.consistency;

import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts on the HTTP response the consistency token of every command the request sent ({@code X-Consistency-Token}),
 * merged when a request sends several, so that a query that sends it back reads its own writes.
 */
@Component
public class ConsistencyHeader {

    private static final String MERGED = ConsistencyHeader.class.getName() + ".merged";

    private final CommandFootprints footprints;
    private final ConsistencyTokens tokens;

    public ConsistencyHeader(CommandFootprints footprints, ConsistencyTokens tokens) {
        this.footprints = footprints;
        this.tokens = tokens;
    }

    /**
     * Called once the command with this message id has finished, whether it succeeded or was refused.
     *
     * @param accepted whether its outcome is an {@link AcceptedOutcome}: then everything it read or wrote is named;
     *                 otherwise only what it wrote, and {@code record}
     * @param record   the stream of the record a refusal stands as ({@link RecordedRefusal}), or null
     */
    public void commandFinished(String commandId, boolean accepted, String record) {
        footprints.take(commandId).map(streams -> named(streams, accepted, record))
                .filter(streams -> !streams.isEmpty()).ifPresent(this::addToResponse);
    }

    private static Map<String, Long> named(Map<String, CommandFootprints.Footprint> streams, boolean accepted,
                                           String record) {
        Map<String, Long> named = new HashMap<>();
        streams.forEach((stream, footprint) -> {
            if (accepted || footprint.written() || stream.equals(record)) {
                named.put(stream, footprint.sequence());
            }
        });
        return named;
    }

    /**
     * A token names at most {@link ConsistencyToken#MAX_STREAMS} streams, so that it fits in a header: a request whose
     * commands touched more (a large batch) gets none, and its client polls instead (documented in docs/api.md).
     */
    private void addToResponse(Map<String, Long> streams) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || attributes.getResponse() == null) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        HttpServletResponse response = attributes.getResponse();
        @SuppressWarnings("unchecked")
        Map<String, Long> merged = request.getAttribute(MERGED) instanceof Map<?, ?> earlier
                ? new HashMap<>((Map<String, Long>) earlier) : new HashMap<>();
        streams.forEach((stream, sequence) -> merged.merge(stream, sequence, Math::max));
        request.setAttribute(MERGED, merged);
        if (response.isCommitted()) {
            return;
        }
        if (merged.size() > ConsistencyToken.MAX_STREAMS) {
            response.setHeader(ConsistencyToken.HEADER, null);
        } else {
            response.setHeader(ConsistencyToken.HEADER, tokens.issue(new ConsistencyToken(merged)));
        }
    }
}
