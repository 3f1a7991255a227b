package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Bodies are read as sent: one labelled with a {@code Content-Encoding} (gzip, br, ...) is 415, as RFC 9110 asks of
 * a server that does not decode it, instead of being read as if it were not encoded (a probe's {@code br}-labelled
 * plain body was applied).
 */
public class UnencodedBodyFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ProblemWriter problems;

    public UnencodedBodyFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.CONTENT_ENCODING) == null || !WITH_BODY.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING).trim().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !"identity".equals(encoding)) {
            response.setHeader("Accept-Encoding", "identity");
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Encoding is not accepted: send the body unencoded");
            return;
        }
        chain.doFilter(request, response);
    }
}
