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
        String header = request.getHeader(ConsistencyToken.HEADER);
        String parameter = request.getParameter(PARAMETER);
        String text = header != null ? header : parameter;
        if (text == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        String field = header != null ? ConsistencyToken.HEADER : PARAMETER;
        ConsistencyToken token = tokens.read(text.trim()).orElseThrow(() -> invalid(field,
                "is not a consistency token issued by this ledger's command-service"));
        long deadline = System.nanoTime() + timeout(request).toNanos();
        boolean reflected = versions.reflect(token);
        // a waiting read holds a request thread: past max-waiting at once (or past its caller's share of them), the
        // others answer with what there is
        String caller = caller(request);
        if (!reflected && waiting.tryTake(caller)) {
            try {
                while (!(reflected = versions.reflect(token)) && System.nanoTime() < deadline) {
                    Thread.sleep(POLL_MILLIS);
                }
            } finally {
                waiting.give(caller);
            }
        }
        response.setHeader(OUTCOME_HEADER, reflected ? "consistent" : "stale");
        return true;
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
