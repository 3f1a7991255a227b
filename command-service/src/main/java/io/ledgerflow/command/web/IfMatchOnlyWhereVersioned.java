package io.ledgerflow.command.web;

import io.ledgerflow.servicekit.web.ApiProblem;
import io.ledgerflow.servicekit.web.FieldViolation;
import io.ledgerflow.servicekit.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.List;
import java.util.Map;

/**
 * Only an account's operator actions have a version an {@code If-Match} can name (their controller
 * {@link TakesIfMatch}).
 * Sent to any other command, it was ignored and the command applied: an operator who guarded a withdrawal with it got
 * no protection and no word of it. Like a parameter an endpoint does not take, it is refused instead, before the
 * command runs.
 */
final class IfMatchOnlyWhereVersioned implements HandlerInterceptor {

    static final String MESSAGE = "is not taken by this endpoint: only an account's actions (freeze, unfreeze, close, "
            + "reopen, overdraft-limit) have a version to match";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && !"GET".equals(request.getMethod())
                && !"HEAD".equals(request.getMethod())
                && !method.getBeanType().isAnnotationPresent(TakesIfMatch.class)
                && request.getHeader(HttpHeaders.IF_MATCH) != null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                    HttpHeaders.IF_MATCH + " " + MESSAGE,
                    Map.of("errors", List.of(new FieldViolation(HttpHeaders.IF_MATCH, MESSAGE))));
        }
        return true;
    }
}
