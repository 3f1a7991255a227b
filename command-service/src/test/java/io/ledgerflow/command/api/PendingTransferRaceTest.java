package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts and voids racing on one pending transfer: exactly one resolves it, the others learn which one did. */
class PendingTransferRaceTest extends CommandServiceTest {

    @Test
    void posts_and_voids_racing_on_one_id_resolve_it_exactly_once() throws Exception {
        for (int round = 0; round < 3; round++) {
            String a = openAccount("USD");
            String b = openAccount("USD");
            deposit(a, unique("dep"), 100);
            String id = unique("p");
            assertThat(pendingTransfer(id, a, b, 40, null).status()).isEqualTo(201);
            Map<Integer, Api.Response> responses = new ConcurrentHashMap<>();
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int call = i;
                calls.add(() -> {
                    Api.Response response = call % 2 == 0 ? postPending(id, 25L) : voidPending(id);
                    responses.put(call, response);
                    return response.status();
                });
            }

            List<Integer> statuses = runAll(calls, 8);

            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 422).hasSize(7);
            Api.Response winner = responses.values().stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
            String status = winner.json().get("status").asText();
            String loserCode = status.equals("POSTED") ? "TRANSFER_ALREADY_POSTED" : "TRANSFER_ALREADY_VOIDED";
            assertThat(responses.values()).filteredOn(r -> r.status() == 422)
                    .allSatisfy(r -> assertThat(r.code()).isEqualTo(loserCode));
            long moved = status.equals("POSTED") ? 25 : 0;
            assertThat(balances(a)).isEqualTo(new Balances(100 - moved, 0, 0));
            assertThat(balances(b)).isEqualTo(new Balances(moved, 0, 0));
        }
    }
}
