package io.ledgerflow.command.containers;

import io.ledgerflow.testkit.http.Api;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** The same service against containerised PostgreSQL and Kafka, on machines with Docker; skipped without it. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerizedCommandServiceTest {

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("ledgerflow.security.issuer", () -> AuthorizationServer.shared().issuer());
        registry.add("ledgerflow.security.jwk-set-uri", () -> AuthorizationServer.shared().jwkSetUri());
    }

    @Test
    void a_deposit_and_a_transfer_post_against_containerised_infrastructure() {
        Api api = new Api("http://localhost:" + port);
        Api alice = api.as(AuthorizationServer.shared().token("alice"));
        Api operator = api.as(AuthorizationServer.shared().token("operator"));

        Api.Response aliceOpensBobs = alice.post("/api/v1/accounts", "{\"id\":\"b\",\"ownerId\":\"bob\",\"currency\":\"USD\"}");
        Api.Response opened = alice.post("/api/v1/accounts", "{\"id\":\"a\",\"ownerId\":\"alice\",\"currency\":\"USD\"}");
        Api.Response operatorOpensBobs = operator.post("/api/v1/accounts", "{\"id\":\"b\",\"ownerId\":\"bob\",\"currency\":\"USD\"}");
        // deposits move money across the ledger's boundary: an operator's, never a client's
        Api.Response clientDeposit = alice.post("/api/v1/accounts/a/deposits", "{\"id\":\"d-0\",\"amount\":10000}");
        Api.Response deposit = operator.post("/api/v1/accounts/a/deposits", "{\"id\":\"d-1\",\"amount\":10000}");
        Api.Response transfer = alice.post("/api/v1/transfers",
                "{\"id\":\"t-1\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":2500,\"currency\":\"USD\"}");
        Api.Response overdraft = alice.post("/api/v1/transfers",
                "{\"id\":\"t-2\",\"debitAccountId\":\"a\",\"creditAccountId\":\"b\",\"amount\":7501,\"currency\":\"USD\"}");

        assertThat(aliceOpensBobs.status()).isEqualTo(403);
        assertThat(aliceOpensBobs.code()).isEqualTo("FORBIDDEN");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(operatorOpensBobs.status()).isEqualTo(201);
        assertThat(clientDeposit.status()).isEqualTo(403);
        assertThat(clientDeposit.code()).isEqualTo("FORBIDDEN");
        assertThat(deposit.status()).isEqualTo(201);
        assertThat(transfer.status()).isEqualTo(201);
        assertThat(overdraft.code()).isEqualTo("INSUFFICIENT_FUNDS");
    }
}
