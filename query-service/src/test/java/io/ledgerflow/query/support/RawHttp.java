package io.ledgerflow.query.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends a request line exactly as given, bytes an HTTP client library would refuse to send (a bare {@code %}, a
 * NUL, a space in the path). HTTP/1.0, so the answer ends when the server closes the connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Status, content type and body of the answer to {@code <method> <target> HTTP/1.0}. */
    public static Answer send(int port, String method, byte[] target, String bearerToken) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        request.writeBytes((" HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer " + bearerToken + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return exchange(port, request.toByteArray());
    }

    /** Status, content type, body and correlation id of the answer to these bytes, sent as they are. */
    public static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return Answer.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public record Answer(int status, String contentType, String body, String correlationId) {

        static Answer parse(String response) {
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? response : response.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ");
            int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}")
                    ? Integer.parseInt(statusLine[1]) : -1;
            String contentType = "";
            String correlationId = null;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                } else if (lower.startsWith("x-correlation-id:")) {
                    correlationId = line.substring("x-correlation-id:".length()).trim();
                }
            }
            return new Answer(status, contentType, body, correlationId);
        }
    }
}
