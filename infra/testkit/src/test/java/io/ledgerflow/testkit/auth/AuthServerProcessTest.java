package io.ledgerflow.testkit.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ledgerflow.testkit.FreePorts;

class AuthServerProcessTest {

    /** The type a launcher retries on: a plain IllegalStateException here once failed a restart outright. */
    @Test
    void aRequestedPortFoundTakenIsAPortInUseExceptionBeforeAnyChildStarts(@TempDir Path directory) throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePorts.pick(), 1, InetAddress.getLoopbackAddress())) {
            AuthServerProcess.Settings settings = new AuthServerProcess.Settings(directory.resolve("no-such.jar"),
                    directory.resolve("key.json"), "kid", "aud", directory, directory.resolve("log"), Map.of());

            assertThatThrownBy(() -> AuthServerProcess.start(settings, taken.getLocalPort(), HttpClient.newHttpClient()))
                    .isInstanceOf(FreePorts.PortInUseException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (the authorization server) is already in use");
        }
    }
}
