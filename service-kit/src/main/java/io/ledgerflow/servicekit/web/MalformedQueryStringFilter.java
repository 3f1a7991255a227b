package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Globals;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Tomcat drops a query parameter it cannot decode ({@code limit=%}) and serves the request as if it had not been
 * sent, so a client would get a default page size, or an unfiltered statement, without knowing. This refuses such
 * a request instead. Only GET and HEAD are checked: for them parsing the parameters never reads a body.
 */
public class MalformedQueryStringFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    public MalformedQueryStringFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getParameterNames();
        if (request.getAttribute(Globals.PARAMETER_PARSE_FAILED_ATTR) != null) {
            problems.write(response, HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "the query string is malformed (a bad percent-encoding, or too many parameters)");
            return;
        }
        chain.doFilter(request, response);
    }
}
