package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent repeats of one id wait for the first attempt instead of racing it: no insert fails, so no value of the
 * global index is spent on a rolled-back row (each would be a gap every tracking token carries until it expires).
 */
class RetriesWithoutFailedInsertsTest extends CommandServiceTest {

    @Test
    void the_same_transfer_id_arriving_many_times_at_once_leaves_no_hole_in_the_global_index() throws Exception {
        String a = openAccount("CAD");
        String b = openAccount("CAD");
        deposit(a, unique("dep"), 10_000);
        long holesBefore = holesInGlobalIndex();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            String id = unique("retry");
            for (int copy = 0; copy < 4; copy++) {
                calls.add(() -> transfer(id, a, b, 10, "CAD").status());
            }
        }

        List<Integer> statuses = runAll(calls, 8);

        assertThat(statuses).allMatch(s -> s == 201 || s == 200);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
        assertThat(posted(b)).isEqualTo(100);
        assertThat(holesInGlobalIndex()).isEqualTo(holesBefore);
    }

    @Test
    void opening_one_account_id_many_times_at_once_leaves_no_hole_either() throws Exception {
        String id = unique("acc");
        long holesBefore = holesInGlobalIndex();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int copy = 0; copy < 8; copy++) {
            calls.add(() -> api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"CAD\"}".formatted(id)).status());
        }

        assertThat(runAll(calls, 8)).containsOnlyOnce(201).allMatch(s -> s == 201 || s == 200);
        assertThat(holesInGlobalIndex()).isEqualTo(holesBefore);
    }

    /** Index values handed out by the sequence that no stored row has. */
    private long holesInGlobalIndex() {
        Long handedOut = jdbc.queryForObject("select case when is_called then last_value else last_value - 1 end "
                + "from domainevententry_globalindex_seq", Long.class);
        Long stored = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return handedOut - stored;
    }
}
