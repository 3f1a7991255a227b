package io.ledgerflow.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The few calls the harness makes outside Gatling (setting up accounts, the lag probe), with the JDK's HTTP
 * client: HTTP/1.1, one keep-alive connection per target, every request with a timeout.
 */
public final class LedgerClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Targets targets;
    private final String token;

    public LedgerClient(Targets targets, String token) {
        this.targets = targets;
        this.token = token;
    }

    public record Response(int status, String body, Optional<String> etag) {
    }

    /** Opens an account owned by the caller; 201, or 200 when it exists with the same fields. */
    public void openAccount(String id, String currency) {
        expect(post(targets.command(), "/api/v1/accounts",
                "{\"id\":\"%s\",\"currency\":\"%s\"}".formatted(id, currency)), "open " + id, 201, 200);
    }

    /** Opens an account for {@code ownerId} (an operator may open for anyone); 201, or 200 when it exists alike. */
    public void openAccount(String id, String ownerId, String currency) {
        expect(post(targets.command(), "/api/v1/accounts",
                "{\"id\":\"%s\",\"ownerId\":\"%s\",\"currency\":\"%s\"}".formatted(id, ownerId, currency)),
                "open " + id, 201, 200);
    }

    public void deposit(String accountId, String depositId, long amount) {
        expect(post(targets.command(), "/api/v1/accounts/" + accountId + "/deposits",
                "{\"id\":\"%s\",\"amount\":%d}".formatted(depositId, amount)), "deposit " + depositId, 201, 200);
    }

    public Response transfer(String id, String debit, String credit, long amount, String currency) {
        return post(targets.command(), "/api/v1/transfers",
                "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"%s\"}"
                        .formatted(id, debit, credit, amount, currency));
    }

    /** A batch ({@code POST /api/v1/transfers/batch}, its whole body given); 201, or 200 when every item existed alike. */
    public void batch(String json) {
        expect(post(targets.command(), "/api/v1/transfers/batch", json), "batch", 201, 200);
    }

    /** The query side's account; with {@code ifNoneMatch} (an ETag) an unchanged account answers 304. */
    public Response account(String id, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(targets.query().resolve("/api/v1/accounts/" + id))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return send(request.build());
    }

    /** The query side's first page (up to 500) of one owner's accounts. */
    public Response accountsOf(String ownerId) {
        return send(HttpRequest.newBuilder(targets.query().resolve("/api/v1/accounts?limit=500&ownerId="
                        + URLEncoder.encode(ownerId, StandardCharsets.UTF_8)))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private Response post(URI base, String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("ETag"));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(Response response, String what, int... statuses) {
        for (int status : statuses) {
            if (response.status() == status) {
                return;
            }
        }
        throw new IllegalStateException(what + ": HTTP " + response.status() + " " + response.body());
    }
}
