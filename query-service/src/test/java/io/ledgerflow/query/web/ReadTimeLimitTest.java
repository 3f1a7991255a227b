package io.ledgerflow.query.web;

import io.ledgerflow.query.pairing.PageCut;
import io.ledgerflow.query.pairing.SettledCuts;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.ledgerflow.query.account.AccountListQuery;
import io.ledgerflow.query.account.AccountLists;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.dashboard.DashboardQueries;
import io.ledgerflow.query.entries.EntryQueries;
import io.ledgerflow.query.entries.EntryQuery;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.FaultyMongoServer;
import io.ledgerflow.query.transfer.TransferListQuery;
import io.ledgerflow.query.transfer.TransferLists;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every list read a caller shapes, and the dashboard's count of every account, asks MongoDB to stop it after {@code ledgerflow.mongodb.read-max-time}; one that
 * MongoDB stopped (error 50 over the wire, from a real wire server) is answered 503, not 500.
 */
class ReadTimeLimitTest {

    private static final Duration LIMIT = Duration.ofMillis(1_500);

    private final FaultyMongoServer mongo = new FaultyMongoServer();
    private final MongoClient client = MongoClients.create(mongo.connectionString());
    private final ProjectionCollections collections = new ProjectionCollections(client.getDatabase("ledgerflow"));
    private final ReadTimeLimit limit = new ReadTimeLimit(LIMIT);
    private final AccountQueries accounts = new AccountQueries(collections, new SettledCuts(collections));

    private final List<Runnable> lists = List.of(
            () -> new EntryQueries(collections, limit, accounts).page("acc-1",
                    EntryQuery.parse(null, "1970-01-01T00:00:00Z", null, null, null)),
            () -> new TransferLists(collections, accounts, 10_000, limit).page(
                    TransferListQuery.parse(null, null, "1970-01-01T00:00:00Z", null, null, null), ReadScope.everything()),
            () -> new AccountLists(collections, new PageCut(collections, new SettledCuts(collections)), limit).page(
                    AccountListQuery.parse(null, null, "CLOSED", null, null), ReadScope.everything()),
            () -> new DashboardQueries(collections, limit).totals());

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    @Test
    void statement_transfer_and_account_lists_and_the_dashboard_totals_ask_mongodb_to_stop_them_at_the_limit() {
        for (Runnable list : lists) {
            mongo.timeOutReads(false);
            mongo.forgetLastFind();
            list.run();
            assertThat(mongo.lastFindMaxTimeMS()).isInstanceOf(Number.class);
            assertThat(((Number) mongo.lastFindMaxTimeMS()).longValue()).isEqualTo(LIMIT.toMillis());
        }
    }

    @Test
    void a_list_read_mongodb_stopped_is_answered_503_with_retry_after() {
        mongo.timeOutReads(true);
        for (Runnable list : lists) {
            MongoExecutionTimeoutException stopped = catchThrowableOfType(MongoExecutionTimeoutException.class,
                    list::run);

            ResponseEntity<ProblemDetail> answer = new ApiExceptionHandler().readTooLong(stopped);

            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(answer.getBody()).isNotNull();
            assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
        }
    }
}
