package io.ledgerflow.testkit.auth;

/** The token endpoint refused a client-credentials request (a wrong secret answers 401). */
public final class TokenRequestException extends RuntimeException {

    private final int status;
    private final String body;

    TokenRequestException(String clientId, int status, String body) {
        super("token request for client '" + clientId + "' failed with HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
