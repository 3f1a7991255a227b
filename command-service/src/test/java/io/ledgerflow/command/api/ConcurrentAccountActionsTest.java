package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The same account action arriving many times at once takes effect once; the others are 200 repeats. */
class ConcurrentAccountActionsTest extends CommandServiceTest {

    @Test
    void freezing_one_account_eight_times_at_once_records_one_freeze() throws Exception {
        String account = openAccount("USD");
        Api operator = anonymous.as(tokenFor("operator"));
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int copy = 0; copy < 8; copy++) {
            calls.add(() -> operator.post("/api/v1/accounts/" + account + "/freeze", "").status());
        }

        assertThat(runAll(calls, 8)).containsOnly(200);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?"
                + " and payloadtype like '%AccountFrozen'", Long.class, "account/" + account)).isEqualTo(1);
        assertThat(replayed(account).orElseThrow().status().name()).isEqualTo("FROZEN");
    }
}
