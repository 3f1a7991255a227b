package io.ledgerflow.command.api;

import io.ledgerflow.command.support.AccountLockedElsewhere;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account held by another instance's transaction for longer than the lock timeout: the command gives up with
 * 503 and Retry-After, applies nothing, and goes through once the account is free.
 */
class BusyAccountAnswers503Test extends CommandServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void post_fails_with_503_and_retry_after_when_an_account_stays_locked_past_the_lock_timeout() throws Exception {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String id = unique("t");
        Api.Response busy;
        long events;
        try (var held = AccountLockedElsewhere.lock(dataSource, b)) {
            events = storedEvents();

            busy = transfer(id, a, b, 10, "USD");

            assertThat(storedEvents()).isEqualTo(events);
        }

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(transfer(id, a, b, 10, "USD").status()).isEqualTo(201);
        assertThat(posted(b)).isEqualTo(10);
    }
}
