package io.ledgerflow.query.consistency;

import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.concurrency.BoundedPlaces;
import io.ledgerflow.servicekit.consistency.ConsistencyProperties;
import io.ledgerflow.servicekit.consistency.ConsistencyToken;
import io.ledgerflow.servicekit.consistency.ConsistencyTokens;
import io.ledgerflow.servicekit.web.FieldViolation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-your-writes: a query that sends back a command's consistency token ({@code X-Consistency-Token}, or the
 * {@code consistentWith} parameter) waits, bounded, until the projections reflect that command, then runs. It
 * answers {@code X-Consistency: consistent}, or {@code stale} with the data as it is when the wait ran out. Runs
 * after authentication, so only a signed-in caller can make the service wait, and only on a token the
 * command-service signed.
 */
@Component
public class ConsistencyWait implements HandlerInterceptor {

    public static final String PARAMETER = "consistentWith";
    public static final String TIMEOUT_PARAMETER = "consistencyTimeoutMs";
    public static final String OUTCOME_HEADER = "X-Consistency";
    private static final long POLL_MILLIS = 15;

    private final ConsistencyTokens tokens;
    private final ProjectedVersions versions;
    private final ConsistencyProperties properties;
    private final BoundedPlaces<String> waiting;

    public ConsistencyWait(ConsistencyTokens tokens, ProjectedVersions versions, ConsistencyProperties properties) {
        this.tokens = tokens;
        this.versions = versions;
        this.properties = properties;
        // a caller waits in at most a quarter of the places: one token cannot leave every other caller stale
        this.waiting = new BoundedPlaces<>(Math.max(1, properties.maxWaiting() / 4), properties.maxWaiting());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return true;
        }
        List<ConsistencyToken> sent = sentTokens(request);
        if (sent.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout(request).toNanos();
        boolean reflected = reflectsAll(sent);
        // a waiting read holds a request thread: past max-waiting at once (or past its caller's share of them), the
        // others answer with what there is
        String caller = caller(request);
        if (!reflected && waiting.tryTake(caller)) {
            try {
                while (!(reflected = reflectsAll(sent)) && System.nanoTime() < deadline) {
                    Thread.sleep(POLL_MILLIS);
                }
            } finally {
                waiting.give(caller);
            }
        }
        response.setHeader(OUTCOME_HEADER, reflected ? "consistent" : "stale");
        return true;
    }

    /**
     * Every token the read sends, the header's and each {@code consistentWith}'s: one that this ledger did not issue
     * is a 400 wherever it is, rather than ignored beside a valid one.
     */
    private List<ConsistencyToken> sentTokens(HttpServletRequest request) {
        List<ConsistencyToken> sent = new ArrayList<>();
        String header = request.getHeader(ConsistencyToken.HEADER);
        if (header != null) {
            sent.add(read(ConsistencyToken.HEADER, header));
        }
        String[] parameters = request.getParameterValues(PARAMETER);
        for (String parameter : parameters == null ? new String[0] : parameters) {
            sent.add(read(PARAMETER, parameter));
        }
        return sent;
    }

    private ConsistencyToken read(String field, String text) {
        return tokens.read(text.trim()).orElseThrow(() -> invalid(field,
                "is not a consistency token issued by this ledger's command-service"));
    }

    private boolean reflectsAll(List<ConsistencyToken> sent) {
        return sent.stream().allMatch(versions::reflect);
    }

    /** Reads of {@code caller} waiting now (a place each). */
    int waitingFor(String caller) {
        return waiting.heldBy(caller);
    }

    private static String caller(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    private Duration timeout(HttpServletRequest request) {
        String asked = request.getParameter(TIMEOUT_PARAMETER);
        if (asked == null) {
            return min(properties.waitTimeout(), properties.maxWait());
        }
        try {
            long millis = Long.parseLong(asked);
            if (millis < 0 || millis > properties.maxWait().toMillis()) {
                throw invalid(TIMEOUT_PARAMETER, "must be between 0 and " + properties.maxWait().toMillis());
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw invalid(TIMEOUT_PARAMETER, "must be a whole number of milliseconds");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static RequestValidationException invalid(String field, String message) {
        return new RequestValidationException(List.of(new FieldViolation(field, message)));
    }
}
