package io.ledgerflow.query.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.support.FaultyMongoServer;
import io.ledgerflow.servicekit.idempotency.IdempotencyProblems;
import io.ledgerflow.servicekit.idempotency.IdempotencyProperties;
import io.ledgerflow.servicekit.web.ProblemWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter over a real MongoDB wire server that refuses writes (as a secondary would): a keyed admin POST is 503
 * and never runs; once writes are accepted again, the same request runs, once.
 */
class UnreachableKeyStoreTest {

    private final FaultyMongoServer mongo = new FaultyMongoServer();
    private final MongoClient client = MongoClients.create(mongo.connectionString());
    private final AtomicInteger executions = new AtomicInteger();
    private IdempotencyFilter filter;

    @BeforeEach
    void filterAndCaller() {
        IdempotencyProperties properties = new IdempotencyProperties(Duration.ofHours(24), Duration.ofSeconds(10),
                Duration.ofMinutes(15), Duration.ofMinutes(5), 8, 64);
        MongoKeyStore keys = new MongoKeyStore(client.getDatabase("ledgerflow").getCollection(MongoKeyStore.COLLECTION),
                properties, Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        filter = new IdempotencyFilter(keys, new IdempotencyProblems(new ProblemWriter(json), json), properties);
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("admin").claim("client_id", "admin").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token));
    }

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        client.close();
        mongo.close();
    }

    @Test
    void a_keyed_post_is_503_and_runs_nothing_while_the_key_store_refuses_writes() throws Exception {
        mongo.refuseWrites(true);

        MockHttpServletResponse refused = post();

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(executions).hasValue(0);

        mongo.refuseWrites(false);
        MockHttpServletResponse first = post();
        MockHttpServletResponse repeat = post();

        assertThat(first.getStatus()).isEqualTo(202);
        assertThat(repeat.getStatus()).isEqualTo(202);
        assertThat(repeat.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(executions).hasValue(1);
    }

    @Test
    void a_claim_written_whose_answer_was_lost_does_not_keep_the_retry_waiting() throws Exception {
        mongo.loseAnswersToWrites(1);

        MockHttpServletResponse first = post();
        long start = System.nanoTime();
        MockHttpServletResponse retry = first.getStatus() == 503 ? post() : first;

        // the driver may send the write again by itself (retryable writes): then the claim is this request's at once
        assertThat(first.getStatus()).isIn(202, 503);
        assertThat(retry.getStatus()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for an orphaned claim")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(executions).hasValue(1);
    }

    private MockHttpServletResponse post() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/admin/projections/rebuild");
        request.setServletPath("/api/v1/admin/projections/rebuild");
        request.addHeader("Idempotency-Key", "k-1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                executions.incrementAndGet();
                res.setStatus(202);
                res.setContentType("application/json");
                res.getWriter().write("{\"generation\":\"1\"}");
            }
        }));
        return response;
    }
}
