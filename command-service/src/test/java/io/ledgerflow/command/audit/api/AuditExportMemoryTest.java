package io.ledgerflow.command.audit.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerflow.command.audit.StoredEventMapper;
import io.ledgerflow.command.audit.StoredEvents;
import io.ledgerflow.command.audit.chain.ChainLinker;
import io.ledgerflow.command.audit.chain.ChainLinks;
import io.ledgerflow.command.audit.chain.ChainProperties;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.SecondInstance;
import io.ledgerflow.events.audit.AuditedEvent;
import io.ledgerflow.events.audit.HashChain;
import io.ledgerflow.testkit.EmbeddedInfrastructure;
import io.ledgerflow.testkit.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NDJSON export streams: a second command-service JVM whose heap could not hold the 100,000 events it exports
 * (more NDJSON than its whole heap) serves them all, in order, and the export alone re-derives the stored hash
 * chain. The instance has a database of its own, so the bulk of events touches no other test.
 */
class AuditExportMemoryTest extends CommandServiceTest {

    private static final int EVENTS = 100_000;
    /**
     * The smallest heap on which the service starts and serves: its live set after start-up is about 37 MB; with
     * 40 MB it collected without pause and did not start in 90 s, with 32 MB it ran out of heap.
     */
    static final String HEAP = "-Xmx48m";
    private static final long HEAP_BYTES = 48L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Environment environment;

    @Test
    void an_instance_with_a_small_heap_exports_100000_events_whose_lines_re_derive_the_stored_chain() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedInfrastructure.postgres();
        String url = postgres.createDatabase("export_" + UUID.randomUUID().toString().replace("-", ""));
        Map<String, String> ownDatabase = Map.of("spring.datasource.url", url,
                // this test links the chain itself, and no command runs there: nothing to publish
                "ledgerflow.audit.chain.enabled", "false",
                "axon.eventhandling.processors.kafka-publisher.mode", "subscribing",
                "axon.eventhandling.processors.kafka-publisher.source", "eventBus",
                "ledgerflow.kafka.topic", "ledger.events.export-test." + UUID.randomUUID());
        try (SecondInstance second = SecondInstance.start(environment, List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
                ownDatabase)) {
            JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                    postgres.user(), postgres.password()));
            insertEvents(jdbc);
            assertThat(linker(jdbc).catchUp()).isEqualTo(EVENTS);
            String storedHead = new ChainLinks(jdbc).head().hash();

            HttpRequest request = HttpRequest.newBuilder(URI.create(second.baseUrl() + "/api/v1/audit/events"))
                    .header("Authorization", "Bearer " + tokenFor("auditor"))
                    .header("Accept", "application/x-ndjson").build();
            HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .build().send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/x-ndjson"));

            long lines = 0;
            long bytes = 0;
            long previousPosition = 0;
            String link = HashChain.GENESIS;
            try (Stream<String> body = response.body()) {
                for (Iterator<String> it = body.iterator(); it.hasNext(); lines++) {
                    String line = it.next();
                    bytes += line.length() + 1;
                    AuditedEvent event = JSON.readValue(line, AuditedEvent.class);
                    assertThat(event.position()).isEqualTo(previousPosition + 1);
                    link = HashChain.link(link, event);
                    assertThat(event.hash()).as("link at %d", event.position()).isEqualTo(link);
                    previousPosition = event.position();
                }
            }

            assertThat(lines).isEqualTo(EVENTS);
            assertThat(bytes).as("the export is larger than the exporting instance's heap").isGreaterThan(HEAP_BYTES);
            assertThat(link).isEqualTo(storedHead);
            assertThat(second.isAlive()).isTrue();
            assertThat(second.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /** Deposits' credit legs as the event store holds them: JSON payload and metadata, ISO-8601 timestamps. */
    private static void insertEvents(JdbcTemplate jdbc) {
        jdbc.update("""
                insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                select 'account/export-' || (i / 50), i % 50, 'Account', md5('event' || i)::uuid::text,
                       convert_to(json_build_object('correlationId', md5('correlation' || i)::uuid::text,
                                                    'causationId', md5('command' || i)::uuid::text,
                                                    'principal', 'operator', 'clientId', 'operator')::text, 'UTF8'),
                       convert_to(json_build_object('accountId', 'export-' || (i / 50), 'transferId', 'dep-' || i,
                                                    'amount', 100,
                                                    'balances', json_build_object('posted', (i % 50 + 1) * 100,
                                                                                  'pendingDebits', 0,
                                                                                  'pendingCredits', 0))::text, 'UTF8'),
                       '1', 'io.ledgerflow.events.account.AccountCredited',
                       to_char(timestamp '2026-01-01' + i * interval '7 milliseconds',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                  from generate_series(0, ? - 1) i
                """, EVENTS);
    }

    private static ChainLinker linker(JdbcTemplate jdbc) {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        return new ChainLinker(jdbc, transactions, new StoredEvents(jdbc, new StoredEventMapper()), new ChainLinks(jdbc),
                new ChainProperties(true, Duration.ofMillis(200), 1_000, Duration.ofSeconds(1)));
    }
}
