package io.ledgerflow.command.api;

import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.testkit.http.Api;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One string may name an account and a transfer: neither can block, poison or be mistaken for the other. */
class SeparateIdNamespacesTest extends CommandServiceTest {

    @Test
    void an_account_opens_under_an_id_a_transfer_already_used() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String shared = unique("acc-bob");
        assertThat(transfer(shared, a, b, 10, "USD").status()).isEqualTo(201);

        Api.Response open = api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(shared));

        assertThat(open.status()).isEqualTo(201);
        assertThat(deposit(shared, unique("dep"), 40).status()).isEqualTo(201);
        assertThat(posted(shared)).isEqualTo(40);
        assertThat(transfer(shared, a, b, 10, "USD").status()).as("the transfer is still a repeat of itself").isEqualTo(200);
    }

    @Test
    void a_transfer_posts_under_the_id_of_an_account_for_a_client_and_for_an_operator() {
        String a = openAccount("USD");
        String b = openAccount("USD");
        deposit(a, unique("dep"), 100);

        Api.Response byClient = transfer(b, a, b, 10, "USD");
        Api.Response byOperator = anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + a + "/deposits",
                "{\"id\":\"%s\",\"amount\":5}".formatted(a));

        assertThat(byClient.status()).isEqualTo(201);
        assertThat(byOperator.status()).isEqualTo(201);
        assertThat(posted(a)).isEqualTo(95);
        assertThat(posted(b)).isEqualTo(10);
    }

    @Test
    void a_transfer_naming_a_transfer_id_as_its_account_is_refused_as_unknown_account() {
        String a = openAccount("USD");
        deposit(a, unique("dep"), 100);
        String existingTransfer = unique("t");
        assertThat(transfer(existingTransfer, a, openAccount("USD"), 10, "USD").status()).isEqualTo(201);

        Api.Response toTransfer = transfer(unique("t"), a, existingTransfer, 10, "USD");

        assertThat(toTransfer.status()).isEqualTo(422);
        assertThat(toTransfer.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(posted(a)).isEqualTo(90);
    }

    @Test
    void the_event_store_keeps_each_kind_in_its_own_streams() {
        String a = openAccount("USD");
        String id = unique("both");
        deposit(a, id, 5);
        api.post("/api/v1/accounts", "{\"id\":\"%s\",\"currency\":\"USD\"}".formatted(id));

        assertThat(jdbc.queryForList("select distinct aggregateidentifier from domainevententry where "
                + "aggregateidentifier like ?", String.class, "%" + id))
                .containsExactlyInAnyOrder("transfer/" + id, "account/" + id);
    }
}
