package io.ledgerflow.command.web;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends a body slowly holds a request thread while it does: a probe froze the service with a few
 * hundred such connections, with no token at all. These talk to the service over raw sockets, a byte at a time.
 */
class SlowClientsTest extends CommandServiceTest {

    /**
     * The 401 goes out before the body is read, and the rest of the body is then read and dropped so that the
     * client reads its answer rather than a reset: for 2 s at most. Before, Tomcat went on reading a trickled body
     * for as long as bytes came (each within its 60 s read timeout), on the request's thread.
     */
    @Test
    void a_refused_body_that_trickles_is_answered_and_its_connection_closed_within_the_drain_time() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/transfers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{");
            long started = System.nanoTime();

            String answer = readUntilClosed(socket, 10_000, true);

            assertThat(answer).startsWith("HTTP/1.1 401 ");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the connection closed")
                    .isLessThan(8_000);
        }
    }

    /**
     * A refused body that has arrived whole is read before the answer goes out, and the connection is kept for the
     * next request. Read after it, as every refused body was, it made Tomcat close the connection: an answer sent
     * while any body is unread says {@code Connection: close} with a swallow size of 0.
     */
    @Test
    void a_refused_body_that_arrives_whole_is_drained_and_the_connection_kept() throws Exception {
        assertRefusedWholeBodyKeepsItsConnection();
    }

    /** A 401 for a body sent whole, then a health check on the same connection: answered, not closed. */
    private void assertRefusedWholeBodyKeepsItsConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/transfers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token"
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
            String refused = read(socket, 5_000, false, true);
            send(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String next = read(socket, 5_000, false, true);

            assertThat(refused).startsWith("HTTP/1.1 401 ").doesNotContain("Connection: close");
            assertThat(next).startsWith("HTTP/1.1 200 ");
        }
    }

    /**
     * A client that sends {@code Expect: 100-continue} waits for the go-ahead before its body: a request refused
     * before its body is read gets its answer without one, and an accepted one gets it when the body is read.
     */
    @Test
    void the_go_ahead_for_a_body_comes_only_when_the_body_is_read() throws Exception {
        try (Socket refused = connect(); Socket accepted = connect()) {
            send(refused, "POST /api/v1/transfers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token"
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            String body = "{\"id\":\"" + unique("acc") + "\",\"currency\":\"USD\"}";
            send(accepted, "POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + tokenFor("alice") + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");

            assertThat(read(refused, 5_000, false, true)).startsWith("HTTP/1.1 401 ");
            assertThat(readUntil(accepted, "\r\n\r\n")).startsWith("HTTP/1.1 100 ");
            send(accepted, body);
            assertThat(read(accepted, 5_000, false, true)).startsWith("HTTP/1.1 201 ");
        }
    }

    /**
     * A body that has not arrived 10 s after its headers is 408, nothing applied, the connection closed: with an
     * Idempotency-Key too, whose filter reads the body itself (and let the failed read out as a 500 at first).
     */
    @Test
    void a_body_that_trickles_past_the_body_time_is_408_and_nothing_is_applied_with_or_without_a_key()
            throws Exception {
        List<String> answers = assertTooSlowWithAndWithoutKey("{", true);

        // its own 408 is written after a reset of the response, which dropped both at first (a probe's finding)
        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains("\"instance\":\"/api/v1/accounts\"")
                .containsIgnoringCase("X-Correlation-Id: "));
    }

    /**
     * A body that stops coming altogether is 408 too: the read that waits for it ends by the server's read timeout,
     * and that was taken for a malformed body (400 {@code VALIDATION_FAILED} with a key; without one, the rest of
     * the body was waited for again, then Tomcat's 408 with code {@code BAD_REQUEST} after twice the time). The
     * connection is closed with the answer: Tomcat waited for the rest of the body once more, 10 s, on the request's
     * thread (a probe's finding), so the exchange is read here until the server closes.
     */
    @Test
    void a_body_that_stops_coming_is_408_and_nothing_is_applied_with_or_without_a_key() throws Exception {
        List<String> answers = assertTooSlowWithAndWithoutKey("{\"id\":", false);

        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains("\"instance\":\"/api/v1/accounts\""));
    }

    /**
     * A refusal before the body is read (here a path that does not exist), whose body then never comes: the answer
     * goes out whole, with its length, before the rest is waited for. It went out chunked without its last chunk,
     * and when Tomcat's read of the rest timed out, Tomcat added its own error page to it: two problems in one body.
     */
    @Test
    void a_refusal_whose_body_never_comes_is_one_answer_sent_whole_with_its_length() {
        String answer = exchange("POST /api/v1/no-such-path HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + tokenFor("alice") + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":",
                false);

        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(head).startsWith("HTTP/1.1 404 ")
                .containsIgnoringCase("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body).startsWith("{").endsWith("}").containsOnlyOnce("\"status\"");
    }

    /**
     * Refused bodies that stop coming (here an invalid token: only the address's generous bucket counts it) each
     * held a place with a body until the read timeout ended their drain, 10 s: one address within its rate held its
     * 100 places and its own commands were 429, two held all 150 and everyone's were 503 (a probe's finding). Now
     * an answered refusal gives its place back, a few are drained at once, and the others are closed after the
     * answer.
     */
    @Test
    void refused_bodies_that_stop_coming_hold_no_place_and_past_the_drains_are_closed_after_their_answer()
            throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            int closedAtOnce = 0;
            for (int i = 0; i < 110; i++) {
                Socket socket = connect();
                stalled.add(socket);
                send(socket, "POST /api/v1/transfers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer not-a-token"
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
                String answer = read(socket, 5_000, false, true);
                assertThat(answer).startsWith("HTTP/1.1 401 ");
                if (answer.contains("Connection: close")) {
                    closedAtOnce++;
                }
            }

            assertThat(closedAtOnce).as("refusals past the drains, closed after their answer").isGreaterThanOrEqualTo(
                    110 - 4);
            // a whole body past the drains is read as it arrived, and its connection kept
            assertRefusedWholeBodyKeepsItsConnection();
            assertThat(api.post("/api/v1/accounts", "{\"id\":\"%s\",\"ownerId\":\"alice\",\"currency\":\"EUR\"}"
                    .formatted(unique("acc"))).status()).as("a command from the same address").isEqualTo(201);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** Opens an account with the first bytes of its body, with and without a key, then trickles or goes quiet. */
    private List<String> assertTooSlowWithAndWithoutKey(String firstBytes, boolean trickle) throws Exception {
        long events = storedEvents();
        String keyed = "Idempotency-Key: slow-" + System.nanoTime() + "\r\n";

        List<CompletableFuture<String>> sent = Stream.of("", keyed).map(header -> CompletableFuture.supplyAsync(
                () -> exchange("POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + tokenFor("alice") + "\r\n" + header + "Content-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n" + firstBytes, trickle, false, 15_000))).toList();

        List<String> answers = new ArrayList<>();
        for (CompletableFuture<String> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        assertThat(answers).allSatisfy(answer -> assertThat(answer).startsWith("HTTP/1.1 408 ")
                .contains("\"code\":\"REQUEST_TIMEOUT\"").contains("Connection: close"));
        assertThat(storedEvents()).isEqualTo(events);
        return answers;
    }

    private String exchange(String head, boolean trickle) {
        // a quiet client need not wait for the close after a refusal: the rest of its body is drained first
        return exchange(head, trickle, !trickle, 45_000);
    }

    private String exchange(String head, boolean trickle, boolean untilAnswered, long maxMillis) {
        try (Socket socket = connect()) {
            send(socket, head);
            return read(socket, maxMillis, trickle, untilAnswered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Socket connect() throws IOException {
        URI base = URI.create(baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(1_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Collects the answer until the server closes; while it is quiet, sends a space a second if {@code trickle} (as
     * the attacker did), else nothing.
     */
    private static String readUntilClosed(Socket socket, long maxMillis, boolean trickle) throws IOException {
        return read(socket, maxMillis, trickle, false);
    }

    /**
     * Collects the answer until the server closes, or with {@code untilAnswered} until a whole answer arrived (its
     * {@code Content-Length} of body, or the last chunk), whichever comes first.
     */
    private static String read(Socket socket, long maxMillis, boolean trickle, boolean untilAnswered)
            throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        long deadline = System.currentTimeMillis() + maxMillis;
        byte[] buffer = new byte[4096];
        while (System.currentTimeMillis() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(buffer, 0, n);
                if (untilAnswered && whole(answer.toString(StandardCharsets.UTF_8))) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
            } catch (SocketTimeoutException quiet) {
                try {
                    if (trickle) {
                        send(socket, " ");
                    }
                } catch (IOException closed) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
            } catch (IOException reset) {
                return answer.toString(StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("still open after " + maxMillis + " ms; received: "
                + answer.toString(StandardCharsets.UTF_8));
    }

    /** Reads until {@code end} has arrived, within 5 s. */
    private static String readUntil(Socket socket, String end) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!answer.toString(StandardCharsets.UTF_8).contains(end) && System.currentTimeMillis() < deadline) {
            try {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.write(b);
            } catch (SocketTimeoutException quiet) {
                // the 1 s read timeout; the deadline decides
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static boolean whole(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = answer.substring(0, end).toLowerCase(Locale.ROOT);
        String body = answer.substring(end + 4);
        int length = head.indexOf("\r\ncontent-length: ");
        if (length >= 0) {
            int from = length + "\r\ncontent-length: ".length();
            int to = head.indexOf("\r\n", from);
            long expected = Long.parseLong(head.substring(from, to < 0 ? head.length() : to).trim());
            return body.getBytes(StandardCharsets.UTF_8).length >= expected;
        }
        return head.contains("\r\ntransfer-encoding: chunked") && body.endsWith("\r\n0\r\n\r\n");
    }
}
