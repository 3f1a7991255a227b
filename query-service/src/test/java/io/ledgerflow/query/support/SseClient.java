package io.ledgerflow.query.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Server-Sent Events client over a real HTTP connection, as a browser's fetch() reads the stream: headers first,
 * then the body as it comes, recorded by a reader thread. A response that is not a stream is read whole.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final HttpResponse<InputStream> response;
    private final StringBuffer received = new StringBuffer();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} with a bearer token (null for none) and more headers; returns once headers arrived. */
    public static SseClient open(int port, String path, String bearerToken, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        try {
            return new SseClient(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseClient open(int port, String path, String bearerToken) {
        return open(port, path, bearerToken, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** Everything received so far. */
    public String text() {
        return received.toString();
    }

    /** The complete blocks received so far. */
    public List<SseFrame> frames() {
        return SseFrame.parse(text());
    }

    /** The blocks with data received so far: what a browser would dispatch as events. */
    public List<SseFrame> events() {
        return frames().stream().filter(SseFrame::isEvent).toList();
    }

    /** The body of an answer that ended (an error): waits for its end. */
    public String body() {
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return text();
    }

    private void read() {
        char[] buffer = new char[8192];
        try (Reader in = new InputStreamReader(response.body(), StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.append(buffer, 0, n);
            }
        } catch (IOException e) {
            // closed by close() or by the server
        }
    }

    /** Hangs up, as a browser tab that closes. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
