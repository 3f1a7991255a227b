package io.ledgerflow.query.messaging;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.FaultyMongoServer;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.query.transfer.TransferQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that is not the record's fault (here MongoDB answering "not primary", as during a replica set
 * election) holds the partition and retries for as long as it lasts: nothing is dead-lettered or skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InfrastructureFailureTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 2);
    private static final FaultyMongoServer MONGO = new FaultyMongoServer();

    @Autowired
    AccountQueries accounts;
    @Autowired
    TransferQueries transfers;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.register(registry, Infrastructure::kafkaBootstrapServers, MONGO::connectionString,
                () -> "ledgerflow", () -> LEDGER);
    }

    @AfterAll
    static void close() {
        LEDGER.close();
        MONGO.close();
    }

    @Test
    void aRecordFailingForAReasonNotItsOwnIsRetriedUntilItIsAppliedAndNeverDeadLettered() {
        LedgerStream stream = new LedgerStream();
        LEDGER.publish(stream.open("acc-1", "alice", "USD"));
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.find("acc-1", ReadScope.everything()).isPresent());

        MONGO.refuseWrites(true);
        LEDGER.publish(stream.deposit("d-1", "acc-1", 10_000));
        // more attempts than any bounded retry policy would make before giving up
        await().atMost(Duration.ofSeconds(30)).until(() -> MONGO.refusedWrites() >= 8);
        assertThat(accounts.find("acc-1", ReadScope.everything()).map(AccountView::posted)).contains(0L);

        MONGO.refuseWrites(false);

        await().atMost(Duration.ofSeconds(60)).until(() -> accounts.find("acc-1", ReadScope.everything())
                .map(AccountView::posted)
                .orElse(0L) == 10_000L);
        // the transfer's event is on another partition than the account's, so it may be applied a moment later
        await().atMost(Duration.ofSeconds(60)).until(() -> transfers.find("d-1", ReadScope.everything()).isPresent());
        assertThat(meters.counter("ledgerflow.projection.dead.letters").count()).isZero();
        assertThat(LEDGER.readDeadLetters(1, Duration.ofSeconds(3))).isEmpty();
    }
}
