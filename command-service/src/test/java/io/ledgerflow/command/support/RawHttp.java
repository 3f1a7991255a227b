package io.ledgerflow.command.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A POST written and read over a plain socket, in ISO-8859-1: for what HTTP clients hide or refuse to send (header
 * bytes outside ASCII, how a response body was framed).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The whole response, head and body, to a JSON POST with this Authorization header. */
    public static String post(String baseUrl, String path, String authorization, String body) throws IOException {
        int port = URI.create(baseUrl).getPort();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
