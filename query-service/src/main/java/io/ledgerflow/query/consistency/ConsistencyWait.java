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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Read-your-writes: a query that sends back a command's consistency token ({@code X-Consistency-Token}, or the
 * {@code consistentWith} parameter, repeated or comma-separated for several) waits, bounded, until the projections
 * reflect that command, then runs. It answers {@code X-Consistency: consistent}, or {@code stale} with the data as
 * it is when the wait ran out. Runs after authentication, so only a signed-in caller can make the service wait, and
 * only on a token the command-service signed.
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
        List<FieldViolation> violations = new ArrayList<>();
        Duration timeout = timeout(request, violations);
        List<ConsistencyToken> sent = sentTokens(request, violations);
        if (!violations.isEmpty()) {
            throw new RequestValidationException(violations);
        }
        if (sent.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
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
     * is a 400 wherever it is, rather than ignored beside a valid one. Either may name several, repeated or
     * comma-separated (a token never holds a comma), as HTTP lists are; a field is named once, however many of its
     * tokens are wrong.
     */
    private List<ConsistencyToken> sentTokens(HttpServletRequest request, List<FieldViolation> violations) {
        List<ConsistencyToken> sent = new ArrayList<>();
        read(ConsistencyToken.HEADER, Collections.list(request.getHeaders(ConsistencyToken.HEADER)), sent,
                violations);
        String[] parameters = request.getParameterValues(PARAMETER);
        read(PARAMETER, parameters == null ? List.of() : Arrays.asList(parameters), sent, violations);
        return sent;
    }

    private void read(String field, List<String> values, List<ConsistencyToken> sent,
                      List<FieldViolation> violations) {
        boolean named = false;
        for (String value : values) {
            for (String text : value.split(",", -1)) {
                Optional<ConsistencyToken> token = tokens.read(text.trim());
                token.ifPresent(sent::add);
                if (token.isEmpty() && !named) {
                    named = true;
                    violations.add(new FieldViolation(field,
                            "is not a consistency token issued by this ledger's command-service"));
                }
            }
        }
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

    /** The wait a read asks for: checked even when it sends no token, so that a wrong one is never ignored. */
    private Duration timeout(HttpServletRequest request, List<FieldViolation> violations) {
        Duration fallback = min(properties.waitTimeout(), properties.maxWait());
        String asked = request.getParameter(TIMEOUT_PARAMETER);
        if (asked == null) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(asked);
            if (millis >= 0 && millis <= properties.maxWait().toMillis()) {
                return Duration.ofMillis(millis);
            }
            violations.add(new FieldViolation(TIMEOUT_PARAMETER, "must be between 0 and "
                    + properties.maxWait().toMillis()));
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(TIMEOUT_PARAMETER, "must be a whole number of milliseconds"));
        }
        return fallback;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
