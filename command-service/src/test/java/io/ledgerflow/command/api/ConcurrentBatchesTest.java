package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches in opposite directions over the same accounts, alongside single transfers: no deadlock, no 5xx, no money made. */
class ConcurrentBatchesTest extends CommandServiceTest {

    @Test
    void concurrent_batches_in_opposite_directions_conserve_money_and_never_fail_with_5xx() throws Exception {
        List<String> accounts = List.of(openAccount("SEK"), openAccount("SEK"), openAccount("SEK"), openAccount("SEK"));
        for (String account : accounts) {
            assertThat(deposit(account, unique("dep"), 1_000).status()).isEqualTo(201);
        }
        long worldBefore = posted("@world:SEK");
        Random random = new Random(7);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int call = 0; call < 48; call++) {
            if (call % 4 == 3) {
                String from = accounts.get(random.nextInt(4));
                String to = accounts.get((accounts.indexOf(from) + 1 + random.nextInt(3)) % 4);
                long amount = 1 + random.nextInt(200);
                String id = unique("cs");
                calls.add(() -> transfer(id, from, to, amount, "SEK").status());
                continue;
            }
            boolean forward = call % 2 == 0;
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String from = accounts.get(forward ? i % 4 : 3 - i % 4);
                String to = accounts.get(forward ? (i + 1) % 4 : 3 - (i + 1) % 4);
                items.add(("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,"
                        + "\"currency\":\"SEK\"}").formatted(unique("cb"), from, to, 1 + random.nextInt(150)));
            }
            String body = "{\"transfers\":[" + String.join(",", items) + "]}";
            calls.add(() -> api.post("/api/v1/transfers/batch", body).status());
        }

        List<Integer> statuses = runAll(calls, 8);

        assertThat(statuses).allMatch(s -> s == 201 || s == 422);
        assertThat(statuses).contains(201);
        assertThat(accounts.stream().mapToLong(this::posted).sum()).isEqualTo(4_000);
        assertThat(posted("@world:SEK")).isEqualTo(worldBefore);
        accounts.forEach(a -> assertThat(posted(a)).isGreaterThanOrEqualTo(0));
    }
}
