package io.ledgerflow.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.messaging.BeforeGenerationSwitch;
import io.ledgerflow.query.support.JsonApi;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A preparation of a rebuild's switch that holds the switch until the test releases it (30 s at most), so that a test
 * acts inside a switch. Ordered last: when it is entered, every other preparation has run. {@code @Import} it.
 */
final class HeldSwitch implements BeforeGenerationSwitch, Ordered {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void prepare(String generation, Replayed replayed) {
        entered.countDown();
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    void awaitEntered() throws InterruptedException {
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the rebuild reached its switch").isTrue();
    }

    void release() {
        released.countDown();
    }

    /** Starts a rebuild (202); its generation. */
    static String startRebuild(JsonApi admin) {
        ResponseEntity<String> started = admin.exchange(HttpMethod.POST, "/api/v1/admin/projections/rebuild");
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        return JsonApi.parse(started).path("generation").asText();
    }

    /** The projections' status once the rebuild is DONE or FAILED. */
    static JsonNode awaitRebuildEnded(JsonApi viewer) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> viewer.json("/api/v1/admin/projections"),
                node -> node.path("rebuild").path("state").asText().matches("DONE|FAILED"));
    }
}
