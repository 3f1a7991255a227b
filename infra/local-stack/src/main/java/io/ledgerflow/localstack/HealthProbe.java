package io.ledgerflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's actuator whether it is up. */
final class HealthProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HealthProbe() {
    }

    static URI healthUri(String baseUrl) {
        return URI.create(baseUrl + "/actuator/health");
    }

    /** True when GET /actuator/health answers 200; false while it does not answer or answers otherwise. */
    static boolean isHealthy(String baseUrl) {
        HttpRequest request = HttpRequest.newBuilder(healthUri(baseUrl)).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
