package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused batch records nothing in the ledger, so a client could probe accounts and ids with it; each refusal is
 * logged with its sender and counted instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class BatchRefusalsApiTest extends CommandServiceTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void a_refused_batch_is_logged_with_its_sender_and_counted_by_code_and_an_applied_one_is_not(CapturedOutput output) {
        String own = openAccount("USD");
        String other = openAccount("USD");
        assertThat(deposit(own, unique("dep"), 100).status()).isEqualTo(201);
        double notFoundBefore = refused("ACCOUNT_NOT_FOUND");
        double conflictsBefore = refused("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        String applied = unique("t");

        Api.Response probe = batch(item(unique("t"), own, other, 1), item(unique("t"), own, unique("ghost"), 1));
        Api.Response accepted = batch(item(applied, own, other, 1));
        Api.Response reused = batch(item(applied, own, other, 2));

        assertThat(probe.status()).isEqualTo(422);
        assertThat(probe.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(refused("ACCOUNT_NOT_FOUND") - notFoundBefore).isEqualTo(1);
        assertThat(refused("ID_EXISTS_WITH_DIFFERENT_FIELDS") - conflictsBefore).isEqualTo(1);
        assertThat(output.getAll())
                .contains("batch of 2 items refused at item 1 (ACCOUNT_NOT_FOUND), nothing applied; sent by alice "
                        + "(client)")
                .contains("batch of 1 items refused at item 0 (ID_EXISTS_WITH_DIFFERENT_FIELDS), nothing applied; "
                        + "sent by alice (client)");
    }

    private double refused(String code) {
        Counter counter = meters.find("ledgerflow.batches.refused").tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }

    private Api.Response batch(String... items) {
        return api.post("/api/v1/transfers/batch", "{\"transfers\":[" + String.join(",", List.of(items)) + "]}");
    }

    private static String item(String id, String from, String to, long amount) {
        return "{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\"}"
                .formatted(id, from, to, amount);
    }
}
