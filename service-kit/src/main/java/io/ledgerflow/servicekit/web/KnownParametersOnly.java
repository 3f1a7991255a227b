package io.ledgerflow.servicekit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service answers only what it was asked: a query parameter its endpoint does not take is 400, never ignored. In
 * the audit API a misspelled {@code asof} answered today's balance as if it were the one asked for, and
 * {@code start}/{@code end} a verification of the whole chain; a command takes none, so {@code ?dryRun=true} would
 * have moved money; a list read with {@code ?ownerid=} answered every owner's accounts (a probe's findings). The names
 * an endpoint takes are its {@code @RequestParam}s, and those every endpoint takes (a consistency token's). Each
 * is given at most once, unless named repeatable: Spring joins a repeated one with commas, so
 * {@code ?ownerId=alice&ownerId=alice} listed the accounts of an owner called {@code alice,alice} (none), and lists
 * take their several values comma-separated anyway.
 */
public class KnownParametersOnly implements HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();
    private final Set<String> takenEverywhere;
    private final Set<String> repeatable;

    /** @param takenEverywhere names every endpoint takes, read by an interceptor rather than a handler */
    public KnownParametersOnly(Set<String> takenEverywhere) {
        this(takenEverywhere, Set.of());
    }

    /** @param repeatable names that may be given more than once, each value read on its own (not joined) */
    public KnownParametersOnly(Set<String> takenEverywhere, Set<String> repeatable) {
        this.takenEverywhere = Set.copyOf(takenEverywhere);
        this.repeatable = Set.copyOf(repeatable);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Set<String> known = namesTaken(method);
        List<FieldViolation> unknown = new ArrayList<>();
        List<FieldViolation> repeated = new ArrayList<>();
        Map<String, Integer> given = timesGiven(request.getQueryString());
        given.forEach((name, times) -> {
            if (!known.contains(name) && !takenEverywhere.contains(name)) {
                unknown.add(new FieldViolation(name, "is not a parameter of this request"));
            } else if (times > 1 && !repeatable.contains(name)) {
                repeated.add(new FieldViolation(name, "must be given at most once (a list is comma-separated)"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "the request is not valid: "
                    + names(unknown) + (unknown.size() == 1 ? " is not a parameter" : " are not parameters")
                    + " of this request", Map.of("errors", unknown));
        }
        if (!repeated.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED, "the request is not valid: "
                    + names(repeated) + " given more than once", Map.of("errors", repeated));
        }
        return true;
    }

    private static String names(List<FieldViolation> violations) {
        return String.join(", ", violations.stream().map(FieldViolation::field).toList());
    }

    /**
     * From the query string alone: {@code getParameterNames} would also name a form body's fields (and read the body
     * to find them), which are the body's to refuse (415).
     */
    private static Map<String, Integer> timesGiven(String query) {
        Map<String, Integer> names = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return names;
        }
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isEmpty()) {
                names.merge(decoded(name), 1, Integer::sum);
            }
        }
        return names;
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    private Set<String> namesTaken(HandlerMethod method) {
        return taken.computeIfAbsent(method.getMethod(), javaMethod -> {
            String[] declared = NAMES.getParameterNames(javaMethod);
            Set<String> names = new HashSet<>();
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    names.add(param.name().isEmpty() && declared != null
                            ? declared[parameter.getParameterIndex()] : param.name());
                }
            }
            return Set.copyOf(names);
        });
    }
}
