package io.ledgerflow.servicekit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Labels the answer to any exception {@code application/problem+json} before the exception handlers write it, and
 * resolves nothing itself. Spring MVC writes a body whose type is set already without negotiating it against
 * {@code Accept}; negotiated, an error for an {@code Accept} that does not parse ({@code garbage///},
 * {@code application/json;q=2}) was sent with an empty body, and one for a well-formed {@code Accept} that excludes
 * JSON turned into a 406. Errors are problem+json whatever the client accepts (RFC 9110 allows ignoring
 * {@code Accept} for them), as those written by the filters ({@link ProblemWriter}) always were.
 */
public class ProblemContentTypeForErrors implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!response.isCommitted()) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
