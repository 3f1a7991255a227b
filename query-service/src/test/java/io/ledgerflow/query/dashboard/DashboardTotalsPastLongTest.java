package io.ledgerflow.query.dashboard;

import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.math.BigInteger;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that owns two accounts can move the largest amount (2^53−1) back and forth as often as it likes: after
 * about a thousand such transfers the currency's posted total and the day's volume pass 2^63. They are exact JSON
 * integers past it, never wrapped. The events travel through a topic of this class's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardTotalsPastLongTest {

    private static final long LARGEST_AMOUNT = 9_007_199_254_740_991L;
    private static final int ROUND_TRIPS = 550;

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void the_posted_total_and_the_volume_pass_the_largest_long_exactly() {
        LedgerStream stream = new LedgerStream();
        stream.open("alice-1", "alice", "JPY");
        stream.open("alice-2", "alice", "JPY");
        stream.deposit("d-1", "alice-1", LARGEST_AMOUNT);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            stream.transfer("there-" + i, "alice-1", "alice-2", LARGEST_AMOUNT);
            stream.transfer("back-" + i, "alice-2", "alice-1", LARGEST_AMOUNT);
        }
        LEDGER.publish(stream.all());
        int posted = 1 + 2 * ROUND_TRIPS;
        BigInteger total = BigInteger.valueOf(LARGEST_AMOUNT).multiply(BigInteger.valueOf(posted));
        assertThat(total).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        Api viewer = new Api("http://localhost:" + port).as(AuthorizationServer.shared().token("viewer"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(viewer.get("/api/v1/dashboard/totals")
                .json().at("/currencies/0/transfers/POSTED").asLong()).isEqualTo(posted));

        Api.Response totals = viewer.get("/api/v1/dashboard/totals");
        assertThat(totals.json().at("/currencies/0/posted").bigIntegerValue()).isEqualTo(total);
        assertThat(totals.body()).contains("\"posted\":" + total + ",");
        Api.Response volume = viewer.get("/api/v1/dashboard/volume?currency=JPY&bucket=day"
                + "&from=2026-11-29T00:00:00Z&to=2026-11-30T00:00:00Z");
        assertThat(volume.json().at("/items/0/count").asLong()).isEqualTo(posted);
        assertThat(volume.json().at("/items/0/volume").bigIntegerValue()).isEqualTo(total);
    }
}
