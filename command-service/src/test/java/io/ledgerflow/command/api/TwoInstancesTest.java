package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.support.SecondInstance;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one PostgreSQL: opposite transfers, deposits and withdrawals (which all meet on
 * the settlement account), each id sent to both instances at once. No 5xx, no deadlock, every id applied once.
 */
class TwoInstancesTest extends CommandServiceTest {

    private static final String CURRENCY = "ZAR";

    @Autowired
    Environment environment;

    record Operation(String id, String kind, String account, String other, long amount) {
    }

    @Test
    void opposite_transfers_and_movements_on_two_instances_conserve_money_and_apply_each_id_once() throws Exception {
        String x = openAccount(CURRENCY);
        String y = openAccount(CURRENCY);
        assertThat(deposit(x, unique("seed"), 5_000).status()).isEqualTo(201);
        assertThat(deposit(y, unique("seed"), 5_000).status()).isEqualTo(201);
        List<Operation> operations = operations(x, y, 120);

        Map<String, List<Integer>> statuses = new ConcurrentHashMap<>();
        try (SecondInstance second = SecondInstance.start(environment)) {
            Api[] instances = {anonymous, new Api(second.baseUrl())};
            List<Callable<Integer>> calls = new ArrayList<>();
            for (Operation operation : operations) {
                for (Api instance : instances) {
                    calls.add(() -> {
                        int status = send(instance, operation).status();
                        statuses.computeIfAbsent(operation.id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(status);
                        return status;
                    });
                }
            }
            List<Integer> all = runAll(calls, 12);
            assertThat(all).as("statuses").allMatch(s -> s == 200 || s == 201 || s == 422);
        }

        long customers = 10_000;
        for (Operation operation : operations) {
            List<Integer> pair = statuses.get(operation.id());
            List<Integer> sorted = pair.stream().sorted().toList();
            assertThat(sorted).as("%s: applied by one instance, repeated by the other", operation.id())
                    .isIn(List.of(200, 201), List.of(422, 422));
            if (pair.contains(201)) {
                customers += switch (operation.kind()) {
                    case "deposits" -> operation.amount();
                    case "withdrawals" -> -operation.amount();
                    default -> 0;
                };
                assertThat(eventsOf("transfer/" + operation.id())).isEqualTo(1);
                assertThat(legsOf(operation.id())).isEqualTo(2);
            } else {
                assertThat(legsOf(operation.id())).isZero();
            }
        }
        assertThat(posted(x) + posted(y)).isEqualTo(customers);
        assertThat(posted(x) + posted(y) + posted("@world:" + CURRENCY)).as("money is conserved").isZero();
        assertThat(posted(x)).isGreaterThanOrEqualTo(0);
        assertThat(posted(y)).isGreaterThanOrEqualTo(0);
    }

    private static List<Operation> operations(String x, String y, int count) {
        Random random = new Random(7);
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fromX = random.nextBoolean();
            String kind = List.of("transfers", "transfers", "deposits", "withdrawals").get(random.nextInt(4));
            operations.add(new Operation(unique("two"), kind, fromX ? x : y, fromX ? y : x, 1 + random.nextInt(300)));
        }
        return operations;
    }

    private Api.Response send(Api instance, Operation operation) {
        if (operation.kind().equals("transfers")) {
            return instance.as(tokenFor("alice")).post("/api/v1/transfers", ("{\"id\":\"%s\",\"debitAccountId\":\"%s\","
                    + "\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"%s\"}").formatted(operation.id(),
                    operation.account(), operation.other(), operation.amount(), CURRENCY));
        }
        return instance.as(tokenFor("operator")).post("/api/v1/accounts/" + operation.account() + "/" + operation.kind(),
                "{\"id\":\"%s\",\"amount\":%d}".formatted(operation.id(), operation.amount()));
    }

    private long eventsOf(String streamId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                streamId);
    }

    /** Debits and credits that name the transfer, in any account. */
    private long legsOf(String transferId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier like 'account/%'"
                + " and convert_from(payload, 'UTF8')::jsonb ->> 'transferId' = ?", Long.class, transferId);
    }
}
