package io.ledgerflow.servicekit.idempotency;

import io.ledgerflow.servicekit.web.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of what makes two requests "the same": method, path (as decoded: {@code /%61pi/} is {@code /api/}) with query
 * string, and the body's exact bytes.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static byte[] of(HttpServletRequest request, byte[] body) {
        String query = request.getQueryString();
        // "/x?" is "/x": a bare "?" asks nothing more
        String target = request.getMethod() + ' ' + RequestPaths.of(request)
                + (query == null || query.isEmpty() ? "" : "?" + query) + '\n';
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(target.getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
