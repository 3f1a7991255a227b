package io.ledgerflow.query.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import io.ledgerflow.testkit.auth.AuthorizationServer;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A settlement account whose legs went to several shards reads as one account: balances and version summed, a
 * statement of every shard's entries with the settlement account's running balance, listed once. Each shard can
 * still be read on its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:generous-rate-limits.properties")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SettlementAccountApiTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static boolean published;

    @LocalServerPort
    int port;

    private Api viewer;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        QueryServiceProperties.registerAuthorizationServer(registry);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    /**
     * Deposits 1,000 (shard 0), 2,000 and 500 (shard 3), 4,000 (shard 5); a withdrawal of 300 through shard 3. In
     * EUR, one deposit of 900 through shard 4: that settlement account has no shard 0.
     */
    @BeforeEach
    void theLegsOfFourShardsAreProjected() {
        viewer = new Api("http://localhost:" + port).as(AuthorizationServer.shared().token("viewer"));
        synchronized (SettlementAccountApiTest.class) {
            if (!published) {
                LedgerStream stream = new LedgerStream();
                stream.open("acc-a", "alice", "USD");
                stream.open("acc-b", "bob", "USD");
                stream.deposit("d-0", "acc-a", 1_000);
                stream.depositThroughShard("d-3", "acc-a", 2_000, 3);
                stream.depositThroughShard("d-5", "acc-b", 4_000, 5);
                stream.depositThroughShard("d-3b", "acc-b", 500, 3);
                stream.withdrawThroughShard("w-3", "acc-a", 300, 3);
                stream.open("acc-e", "erin", "EUR");
                stream.depositThroughShard("d-e4", "acc-e", 900, 4);
                LEDGER.publish(stream.all());
                published = true;
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(viewer.get("/api/v1/accounts/acc-a").json().path("version").asLong()).isEqualTo(4));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(viewer.get("/api/v1/accounts/@world:USD:3").json().path("version").asLong()).isEqualTo(4);
            assertThat(viewer.get("/api/v1/accounts/@world:USD:5").json().path("version").asLong()).isEqualTo(2);
            assertThat(viewer.get("/api/v1/accounts/acc-b").json().path("version").asLong()).isEqualTo(3);
            assertThat(viewer.get("/api/v1/accounts/@world:EUR:4").json().path("version").asLong()).isEqualTo(2);
        });
    }

    @Test
    void the_settlement_account_reads_as_the_sum_of_its_shards() {
        Api.Response world = viewer.get("/api/v1/accounts/@world:USD");

        assertThat(world.status()).isEqualTo(200);
        JsonNode account = world.json();
        assertThat(account.path("id").asText()).isEqualTo("@world:USD");
        assertThat(account.path("ownerId").asText()).isEqualTo("system");
        assertThat(account.path("posted").asLong()).as("-(1000 + 2000 + 4000 + 500) + 300").isEqualTo(-7_200);
        assertThat(account.path("available").asLong()).isEqualTo(-7_200);
        assertThat(account.path("version").asLong()).as("shard 0: 2 events, shard 3: 4, shard 5: 2").isEqualTo(8);
        assertThat(world.header("ETag")).isEqualTo("\"8\"");
        long customers = viewer.get("/api/v1/accounts/acc-a").json().path("posted").asLong()
                + viewer.get("/api/v1/accounts/acc-b").json().path("posted").asLong();
        assertThat(customers + account.path("posted").asLong()).as("the currency sums to zero").isZero();
    }

    @Test
    void the_summed_version_serves_conditional_reads() {
        Api.Response notModified = viewer.with("If-None-Match", "\"8\"").get("/api/v1/accounts/@world:USD");
        Api.Response stale = viewer.with("If-None-Match", "\"2\"").get("/api/v1/accounts/@world:USD");

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(stale.status()).isEqualTo(200);
    }

    @Test
    void if_none_match_star_is_304_for_an_account_that_exists() {
        Api.Response any = viewer.with("If-None-Match", "*").get("/api/v1/accounts/@world:USD");

        assertThat(any.status()).isEqualTo(304);
        assertThat(any.header("ETag")).isEqualTo("\"8\"");
    }

    @Test
    void one_shard_reads_as_an_account_of_its_own() {
        JsonNode shard = viewer.get("/api/v1/accounts/@world:USD:3").json();

        assertThat(shard.path("id").asText()).isEqualTo("@world:USD:3");
        assertThat(shard.path("posted").asLong()).isEqualTo(-2_200);
    }

    @Test
    void shard_0_reads_alone_as_its_number_since_the_settlement_accounts_own_id_reads_the_sum() {
        Api.Response shard = viewer.get("/api/v1/accounts/@world:USD:0");

        assertThat(shard.status()).isEqualTo(200);
        assertThat(shard.json().path("id").asText()).isEqualTo("@world:USD:0");
        assertThat(shard.json().path("posted").asLong()).isEqualTo(-1_000);
        assertThat(shard.json().path("version").asLong()).isEqualTo(2);
        assertThat(viewer.get("/api/v1/accounts/@world:EUR:0").status()).as("EUR's shard 0 never took a leg")
                .isEqualTo(404);
    }

    @Test
    void each_shard_read_alone_has_its_own_statement_under_the_name_it_is_read_by() {
        Api.Response shardZero = viewer.get("/api/v1/accounts/@world:USD:0/entries?order=asc");

        assertThat(shardZero.status()).isEqualTo(200);
        assertThat(statement(shardZero.json())).containsExactly("d-0 @world:USD:0 DEBIT -1000");
        assertThat(statement(viewer.get("/api/v1/accounts/@world:USD:3/entries?order=asc").json())).containsExactly(
                "d-3 @world:USD:3 DEBIT -2000",
                "d-3b @world:USD:3 DEBIT -2500",
                "w-3 @world:USD:3 CREDIT -2200");
        assertThat(viewer.get("/api/v1/accounts/@world:EUR:0/entries").status()).as("EUR's shard 0 never took a leg")
                .isEqualTo(404);
    }

    @Test
    void the_settlement_accounts_statement_reads_as_one_accounts_with_its_running_balance() {
        List<String> entries = statement(viewer.get("/api/v1/accounts/@world:USD/entries?order=asc").json());

        assertThat(entries).containsExactly(
                "d-0 @world:USD DEBIT -1000",
                "d-3 @world:USD DEBIT -3000",
                "d-5 @world:USD DEBIT -7000",
                "d-3b @world:USD DEBIT -7500",
                "w-3 @world:USD CREDIT -7200");
    }

    @Test
    void the_statement_pages_across_shards_without_losing_or_repeating_an_entry_or_its_balance() {
        JsonNode first = viewer.get("/api/v1/accounts/@world:USD/entries?limit=2").json();
        JsonNode second = viewer.get("/api/v1/accounts/@world:USD/entries?limit=2&cursor="
                + first.path("nextCursor").asText()).json();
        JsonNode third = viewer.get("/api/v1/accounts/@world:USD/entries?limit=2&cursor="
                + second.path("nextCursor").asText()).json();

        List<String> entries = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("items").forEach(entry -> entries.add(entry.path("transferId").asText() + " "
                    + entry.path("balanceAfter").asLong()));
        }
        assertThat(entries).containsExactly("w-3 -7200", "d-3b -7500", "d-5 -7000", "d-3 -3000", "d-0 -1000");
        assertThat(third.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void a_settlement_account_without_its_first_shard_has_a_statement_too() {
        JsonNode items = viewer.get("/api/v1/accounts/@world:EUR/entries").json().path("items");

        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("accountId").asText()).isEqualTo("@world:EUR");
        assertThat(items.get(0).path("balanceAfter").asLong()).isEqualTo(-900);
    }

    @Test
    void the_list_names_each_settlement_account_once_with_its_shards_summed() {
        JsonNode usd = viewer.get("/api/v1/accounts?currency=USD").json();
        JsonNode eur = viewer.get("/api/v1/accounts?currency=EUR").json();

        assertThat(ids(usd)).containsExactly("@world:USD", "acc-a", "acc-b");
        assertThat(usd.path("items").get(0).path("posted").asLong()).isEqualTo(-7_200);
        assertThat(usd.path("items").get(0).path("version").asLong()).isEqualTo(8);
        assertThat(ids(eur)).as("listed although shard 0 was never used").containsExactly("@world:EUR", "acc-e");
        assertThat(eur.path("items").get(0).path("posted").asLong()).isEqualTo(-900);
    }

    @Test
    void a_list_page_ending_on_a_settlement_account_resumes_after_its_shards() {
        List<String> listed = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = viewer.get("/api/v1/accounts?limit=1&cursor=" + cursor).json();
            listed.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(listed).containsExactly("@world:EUR", "@world:USD", "acc-a", "acc-b", "acc-e");
    }

    @Test
    void a_client_finds_neither_the_settlement_account_nor_a_shard() {
        Api alice = new Api("http://localhost:" + port).as(AuthorizationServer.shared().token("alice"));

        assertThat(alice.get("/api/v1/accounts/@world:USD").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/accounts/@world:USD:3").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/accounts/@world:USD:0").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/accounts/@world:USD:0/entries").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/accounts/@world:USD/entries").status()).isEqualTo(404);
    }

    /** Each entry of the page as {@code transferId accountId kind balanceAfter}. */
    private static List<String> statement(JsonNode page) {
        List<String> entries = new ArrayList<>();
        page.path("items").forEach(entry -> entries.add(entry.path("transferId").asText() + " "
                + entry.path("accountId").asText() + " " + entry.path("kind").asText() + " "
                + entry.path("balanceAfter").asLong()));
        return entries;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(account -> ids.add(account.path("id").asText()));
        return ids;
    }
}
