package io.ledgerflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ledgerflow.localstack.TransferWorkload.Send;

/**
 * A well-behaved client of the stack: it sends a transfer until the answer is an outcome. A 503 (with
 * {@code Retry-After}) and a 409 {@code IDEMPOTENCY_KEY_IN_PROGRESS} ask it to come back; no answer at all leaves
 * the outcome unknown, and the transfer id makes sending again safe. Every retry is counted. Thread-safe.
 */
final class PersistentClient {

    private static final Logger log = LoggerFactory.getLogger(PersistentClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RETRIES = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** A send's final answer, and what was retried before it. */
    record Exchange(Send send, int status, String body, boolean replayed, int busy, int busyWithoutRetryAfter,
                    int keyInProgress, int noAnswer, long startedNanos, long endedNanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return "#" + send.index() + " " + send.id() + (send.repeat() ? " (repeat)" : "")
                    + (send.idempotencyKey() == null ? "" : " key " + send.idempotencyKey())
                    + ": HTTP " + status + (replayed ? " replayed" : "") + " " + body;
        }
    }

    PersistentClient(LocalStack stack) {
        this.stack = stack;
    }

    Exchange transfer(Send send) {
        long started = System.nanoTime();
        int busy = 0;
        int busyWithoutRetryAfter = 0;
        int keyInProgress = 0;
        int noAnswer = 0;
        while (true) {
            HttpResponse<String> response;
            try {
                response = http.send(post("/api/v1/transfers", stack.accessToken(send.sender()), send.json(), send.idempotencyKey()),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (++noAnswer > MAX_RETRIES) {
                    return new Exchange(send, -1, e.toString(), false, busy, busyWithoutRetryAfter, keyInProgress, noAnswer,
                            started, System.nanoTime());
                }
                log.warn("No answer to {} (attempt {}): {}", send.id(), noAnswer, e.toString());
                continue;
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            int status = response.statusCode();
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            boolean serviceBusy = status == 503;
            boolean keyBusy = status == 409 && response.body().contains("IDEMPOTENCY_KEY_IN_PROGRESS");
            if ((serviceBusy || keyBusy) && busy + keyInProgress < MAX_RETRIES) {
                busy += serviceBusy ? 1 : 0;
                busyWithoutRetryAfter += serviceBusy && retryAfter == null ? 1 : 0;
                keyInProgress += keyBusy ? 1 : 0;
                sleep(Duration.ofSeconds(retryAfter == null ? 1 : Math.min(2, Long.parseLong(retryAfter))));
                continue;
            }
            return new Exchange(send, status, response.body(),
                    "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null)),
                    busy, busyWithoutRetryAfter, keyInProgress, noAnswer, started, System.nanoTime());
        }
    }

    /** One POST to command-service, as it is answered. */
    HttpResponse<String> command(String path, String token, String json) {
        try {
            return http.send(post(path, token, json, null), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** A 200 from query-service as JSON; any other answer as {@code {"httpStatus":…, "body":…}}, to report. */
    JsonNode query(String pathAndQuery, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.queryServiceUrl() + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body())
                    : JSON.createObjectNode().put("httpStatus", response.statusCode()).put("body", response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** An account's whole statement, oldest first; an AssertionError when a page is not a page (awaitility retries). */
    List<JsonNode> entries(String account, String token) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = query("/api/v1/accounts/" + account + "/entries?order=asc&limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            if (!page.has("items")) {
                throw new AssertionError("a page of " + account + "'s statement: " + page);
            }
            page.path("items").forEach(entries::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return entries;
    }

    private HttpRequest post(String path, String token, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
