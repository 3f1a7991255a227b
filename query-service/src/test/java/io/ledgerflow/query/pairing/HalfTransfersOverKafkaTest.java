package io.ledgerflow.query.pairing;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountListQuery;
import io.ledgerflow.query.account.AccountLists;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.Infrastructure;
import io.ledgerflow.query.support.LedgerStream;
import io.ledgerflow.query.support.LedgerTopicClient;
import io.ledgerflow.query.support.QueryServiceProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real thing: three listener threads on three partitions apply the legs of transfers among six accounts, each
 * account's on its own partition, while a reader lists the accounts as fast as it can. Money only moves among them,
 * so every list must add up to what was deposited, and no account may ever be listed at a lower version than
 * before. (Before the pairs of legs, most lists taken this way did not add up.) Meanwhile the stored pairs are checked
 * against what readers rely on ({@link StoredPairsCheck}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HalfTransfersOverKafkaTest {

    private static final LedgerTopicClient LEDGER =
            LedgerTopicClient.createTopic(Infrastructure.kafkaBootstrapServers(), 3);
    private static final int ACCOUNTS = 6;
    private static final int TRANSFERS = 600;
    private static final long FUNDING = 1_000_000;

    @Autowired
    AccountLists lists;

    @Autowired
    ProjectionCollections collections;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceProperties.registerEmbedded(registry, () -> LEDGER);
        registry.add("spring.kafka.listener.concurrency", () -> 3);
    }

    @AfterAll
    static void closeProducer() {
        LEDGER.close();
    }

    @Test
    void no_list_shows_half_a_transfer_while_three_consumers_apply_the_legs() throws InterruptedException {
        LedgerStream stream = new LedgerStream();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add("half-" + i);
            stream.open("half-" + i, "half", "EUR");
            stream.deposit("fund-" + i, "half-" + i, FUNDING);
        }
        LEDGER.publish(stream.all());
        await().atMost(Duration.ofSeconds(60)).until(() -> listed().versions() == 2L * ACCOUNTS);
        int funded = stream.all().size();
        Random random = new Random(42);
        for (int t = 0; t < TRANSFERS; t++) {
            int debit = random.nextInt(ACCOUNTS);
            int credit = (debit + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            stream.transfer("t-" + t, accounts.get(debit), accounts.get(credit), 1 + random.nextInt(500));
        }
        List<EventEnvelope> transfers = stream.all().subList(funded, stream.all().size());

        AtomicBoolean done = new AtomicBoolean();
        AtomicLong listsRead = new AtomicLong();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            Map<String, Long> versions = new HashMap<>();
            while (!done.get()) {
                List<AccountView> page = page();
                listsRead.incrementAndGet();
                long sum = page.stream().mapToLong(AccountView::posted).sum();
                if (sum != ACCOUNTS * FUNDING) {
                    violations.add("a list added up to " + sum + ": " + page.stream()
                            .map(account -> account.id() + " v" + account.version() + " " + account.posted()).toList());
                }
                for (AccountView account : page) {
                    if (account.version() < versions.getOrDefault(account.id(), 0L)) {
                        violations.add(account.id() + " went back to version " + account.version());
                    }
                    versions.put(account.id(), account.version());
                }
            }
        });
        AtomicLong checks = new AtomicLong();
        Thread checker = new Thread(() -> {
            while (!done.get()) {
                violations.addAll(StoredPairsCheck.violations(collections));
                checks.incrementAndGet();
            }
        });
        reader.start();
        checker.start();
        LEDGER.publish(transfers);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> listed().versions() == 2L * ACCOUNTS + 2L * TRANSFERS);
        } finally {
            done.set(true);
            reader.join();
            checker.join();
        }

        assertThat(violations).isEmpty();
        assertThat(listsRead.get()).isGreaterThan(1);
        assertThat(checks.get()).isGreaterThan(1);
        assertThat(StoredPairsCheck.settledPairs(collections)).hasSize(ACCOUNTS + TRANSFERS);
        assertThat(page()).extracting(AccountView::posted).containsExactlyElementsOf(expected(stream));
    }

    private static List<Long> expected(LedgerStream stream) {
        Map<String, Long> posted = new HashMap<>();
        for (EventEnvelope envelope : stream.all()) {
            if (envelope.event() instanceof io.ledgerflow.events.account.AccountDebited debited
                    && debited.accountId().startsWith("half-")) {
                posted.put(debited.accountId(), debited.balances().posted());
            } else if (envelope.event() instanceof io.ledgerflow.events.account.AccountCredited credited) {
                posted.put(credited.accountId(), credited.balances().posted());
            }
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            expected.add(posted.get("half-" + i));
        }
        return expected;
    }

    private List<AccountView> page() {
        return lists.page(AccountListQuery.parse("half", null, null, null, null), ReadScope.everything()).items();
    }

    private record Listed(long versions) {
    }

    private Listed listed() {
        return new Listed(page().stream().mapToLong(AccountView::version).sum());
    }
}
