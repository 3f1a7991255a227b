package io.ledgerflow.servicekit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * A body whose labels say it cannot be read as sent is 415, before authentication, like the other checks of the
 * request's shape, so nothing runs and no {@code Idempotency-Key} stores the answer (two probe findings):
 * <ul>
 *     <li>a {@code Content-Type} of no type ({@code *}{@code /*}, {@code application/*}): Spring refuses to even read
 *     such a label ({@code HttpHeaders.setContentType} throws), which reached the handlers as a 500;</li>
 *     <li>a {@code Content-Encoding} (gzip, br, ...): bodies are read as sent, and a {@code br}-labelled plain body
 *     was applied as if it were not encoded; RFC 9110 asks for 415.</li>
 * </ul>
 */
public class BodyLabelsFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final ProblemWriter problems;

    public BodyLabelsFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WITH_BODY.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (contentType != null && isWildcard(contentType)) {
            refuse(response, "Content-Type '" + contentType + "' names no type: send application/json");
        } else if (encoding != null && isEncoded(encoding)) {
            response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
            refuse(response, "Content-Encoding is not accepted: send the body unencoded");
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", detail);
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparseable) {
            return false; // Spring answers those 415 itself
        }
    }

    private static boolean isEncoded(String encoding) {
        String coding = encoding.trim().toLowerCase(Locale.ROOT);
        return !coding.isEmpty() && !"identity".equals(coding);
    }
}
