package io.ledgerflow.command.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgerflow.command.support.CommandServiceTest;
import io.ledgerflow.command.transfer.PendingExpiries;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.testkit.http.Api;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Pending items in POST /transfers/batch: each behaves exactly as a single POST /transfers with pending: true (reserved
 * on both sides, its expiry scheduled, then posted, voided or expired), and the batch stays all or none.
 */
class BatchPendingTransfersApiTest extends CommandServiceTest {

    @Autowired
    TransactionManager transactionManager;
    @Autowired
    PendingExpiries expiries;

    private String a;
    private String b;
    private String c;

    @BeforeEach
    void accounts() {
        a = openAccount("USD");
        b = openAccount("USD");
        c = openAccount("USD");
        deposit(a, unique("dep"), 100);
    }

    static String pendingItem(String id, String from, String to, long amount, Long timeoutSeconds) {
        return ("{\"id\":\"%s\",\"debitAccountId\":\"%s\",\"creditAccountId\":\"%s\",\"amount\":%d,\"currency\":\"USD\","
                + "\"pending\":true,\"timeoutSeconds\":%s}").formatted(id, from, to, amount, timeoutSeconds);
    }

    Api.Response batch(List<String> items) {
        return api.post("/api/v1/transfers/batch", "{\"transfers\":[" + String.join(",", items) + "]}");
    }

    long expiryRows(String transferId) {
        return jdbc.queryForObject("select count(*) from pending_expiries where transfer_id = ?", Long.class, transferId);
    }

    long transferEvents(String transferId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?", Long.class,
                "transfer/" + transferId);
    }

    @Test
    void post_batch_with_single_phase_and_pending_items_applies_all_and_answers_201_with_each_as_posted_or_pending() {
        String single = unique("bt");
        String held = unique("bp");
        String timed = unique("bp");

        Api.Response response = batch(List.of(BatchTransfersApiTest.item(single, a, b, 20),
                pendingItem(held, a, c, 30, null), pendingItem(timed, b, c, 5, 600L)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode transfers = response.json().get("transfers");
        assertThat(transfers).hasSize(3);
        assertThat(transfers.get(0).get("status").asText()).isEqualTo("POSTED");
        assertThat(transfers.get(0).get("pending").asBoolean()).isFalse();
        JsonNode pending = transfers.get(1);
        assertThat(pending.get("id").asText()).isEqualTo(held);
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("pending").asBoolean()).isTrue();
        assertThat(pending.get("postedAmount").asLong()).isZero();
        assertThat(pending.get("timeoutSeconds").isNull()).isTrue();
        assertThat(pending.get("resolvedAt").isNull()).isTrue();
        assertThat(transfers.get(2).get("status").asText()).isEqualTo("PENDING");
        assertThat(transfers.get(2).get("timeoutSeconds").asLong()).isEqualTo(600);
        assertThat(balances(a)).isEqualTo(new Balances(80, 30, 0));
        assertThat(balances(b)).isEqualTo(new Balances(20, 5, 0));
        assertThat(balances(c)).isEqualTo(new Balances(0, 0, 35));
        assertThat(replayed(a).orElseThrow().available()).isEqualTo(50);
        assertThat(replayed(b).orElseThrow().available()).isEqualTo(15);
        assertThat(expiryRows(held)).as("no timeout, no expiry").isZero();
        Instant createdAt = Instant.parse(transfers.get(2).get("createdAt").asText());
        assertThat(jdbc.queryForObject("select due_at from pending_expiries where transfer_id = ?", Timestamp.class, timed)
                .toInstant()).isEqualTo(createdAt.plusSeconds(600));
    }

    @Test
    void a_pending_item_answers_exactly_what_the_single_endpoint_answers_for_the_same_transfer() {
        String held = unique("bp");
        Api.Response created = batch(List.of(pendingItem(held, a, b, 30, 60L)));

        Api.Response single = pendingTransfer(held, a, b, 30, 60L);

        assertThat(created.status()).isEqualTo(201);
        assertThat(single.status()).as("a repeat of the batch's item").isEqualTo(200);
        assertThat(single.json()).isEqualTo(created.json().get("transfers").get(0));
    }

    @Test
    void pending_items_of_a_batch_are_posted_in_part_and_voided_one_by_one() {
        String posted = unique("bp");
        String voided = unique("bp");
        assertThat(batch(List.of(pendingItem(posted, a, b, 40, 60L), pendingItem(voided, a, c, 25, null))).status())
                .isEqualTo(201);

        Api.Response post = postPending(posted, 30L);
        Api.Response voidIt = voidPending(voided);

        assertThat(post.status()).as(post.body()).isEqualTo(200);
        assertThat(post.json().get("status").asText()).isEqualTo("POSTED");
        assertThat(post.json().get("postedAmount").asLong()).isEqualTo(30);
        assertThat(voidIt.status()).as(voidIt.body()).isEqualTo(200);
        assertThat(voidIt.json().get("status").asText()).isEqualTo("VOIDED");
        assertThat(balances(a)).isEqualTo(new Balances(70, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(30, 0, 0));
        assertThat(balances(c)).isEqualTo(new Balances(0, 0, 0));
        assertThat(expiryRows(posted)).as("resolved: the schedule row went with it").isZero();
        assertThat(voidPending(posted).code()).isEqualTo("TRANSFER_ALREADY_POSTED");
    }

    @Test
    void a_pending_item_with_a_short_timeout_expires_and_releases_its_reservation() {
        String expiring = unique("bp");
        String lasting = unique("bp");
        assertThat(batch(List.of(pendingItem(expiring, a, b, 30, 1L), pendingItem(lasting, a, c, 20, 3600L))).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(balances(a)).isEqualTo(new Balances(100, 20, 0)));

        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 0));
        assertThat(balances(c)).isEqualTo(new Balances(0, 0, 20));
        assertThat(expiryRows(expiring)).isZero();
        assertThat(expiryRows(lasting)).isEqualTo(1);
        assertThat(postPending(expiring, null).code()).isEqualTo("TRANSFER_EXPIRED");
        Api.Response repeated = batch(List.of(pendingItem(expiring, a, b, 30, 1L)));
        assertThat(repeated.status()).as("a repeat answers the stored state, as the single endpoint does").isEqualTo(200);
        assertThat(repeated.json().get("transfers").get(0).get("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void post_batch_whose_later_item_fails_leaves_no_reservation_no_expiry_row_and_no_event() {
        String held = unique("bp");
        String failing = unique("bt");
        long events = storedEvents();

        Api.Response response = batch(List.of(pendingItem(held, a, b, 30, 60L),
                BatchTransfersApiTest.item(unique("bt"), a, c, 10), BatchTransfersApiTest.item(failing, c, b, 500)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(response.json().get("index").asInt()).isEqualTo(2);
        assertThat(response.json().get("transferId").asText()).isEqualTo(failing);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(transferEvents(held)).isZero();
        assertThat(expiryRows(held)).isZero();
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(0, 0, 0));
        assertThat(batch(List.of(pendingItem(held, a, b, 30, 60L))).status())
                .as("not sticky: the same pending id succeeds in a batch that fits").isEqualTo(201);
    }

    @Test
    void post_batch_fails_with_422_insufficient_funds_when_a_later_item_only_fits_without_the_reservation_before_it() {
        String held = unique("bp");
        String spending = unique("bt");
        long events = storedEvents();

        // 60 reserved leaves 40 available: 50 would fit the posted balance, not what the hold left
        Api.Response response = batch(List.of(pendingItem(held, a, b, 60, 60L),
                BatchTransfersApiTest.item(spending, a, c, 50)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(response.json().get("index").asInt()).isEqualTo(1);
        assertThat(response.json().get("transferId").asText()).isEqualTo(spending);
        assertThat(response.json().get("detail").asText()).contains("40 available");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(expiryRows(held)).isZero();
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void a_later_pending_item_cannot_reserve_what_an_earlier_one_reserved() {
        Api.Response response = batch(List.of(pendingItem(unique("bp"), a, b, 70, null),
                pendingItem(unique("bp"), a, c, 31, null)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(response.json().get("index").asInt()).isEqualTo(1);
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void a_pending_item_out_of_a_frozen_account_fails_the_batch_with_422_account_frozen() {
        deposit(b, unique("dep"), 10);
        anonymous.as(tokenFor("operator")).post("/api/v1/accounts/" + a + "/freeze", "");

        Api.Response response = batch(List.of(BatchTransfersApiTest.item(unique("bt"), b, c, 5),
                pendingItem(unique("bp"), a, b, 10, null)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(response.json().get("index").asInt()).isEqualTo(1);
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(10, 0, 0));
    }

    @Test
    void post_batch_retried_with_pending_items_answers_200_with_the_same_transfers_and_no_second_reservation() {
        List<String> items = List.of(pendingItem(unique("bp"), a, b, 30, 60L),
                BatchTransfersApiTest.item(unique("bt"), a, c, 10));
        Api.Response first = batch(items);
        long events = storedEvents();

        Api.Response again = batch(items);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(90, 30, 0));
    }

    @Test
    void an_item_repeating_a_single_pending_transfer_counts_as_applied_and_after_its_post_answers_it_posted() {
        String single = unique("p");
        assertThat(pendingTransfer(single, a, b, 30, null).status()).isEqualTo(201);

        Api.Response withNew = batch(List.of(pendingItem(single, a, b, 30, null),
                BatchTransfersApiTest.item(unique("bt"), a, c, 70)));
        postPending(single, null);
        Api.Response afterPost = batch(List.of(pendingItem(single, a, b, 30, null)));

        assertThat(withNew.status()).as(withNew.body()).isEqualTo(201);
        assertThat(withNew.json().get("transfers").get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(afterPost.status()).isEqualTo(200);
        assertThat(afterPost.json().get("transfers").get(0).get("status").asText()).isEqualTo("POSTED");
        assertThat(balances(a)).isEqualTo(new Balances(0, 0, 0));
        assertThat(balances(b)).isEqualTo(new Balances(30, 0, 0));
    }

    @Test
    void an_item_repeating_a_pending_id_with_another_timeout_or_phase_fails_the_batch_with_409_naming_the_fields() {
        String single = unique("p");
        assertThat(pendingTransfer(single, a, b, 10, 60L).status()).isEqualTo(201);
        long events = storedEvents();

        Api.Response otherTimeout = batch(List.of(BatchTransfersApiTest.item(unique("bt"), a, c, 5),
                pendingItem(single, a, b, 10, 61L)));
        Api.Response singlePhase = batch(List.of(BatchTransfersApiTest.item(single, a, b, 10)));

        assertThat(otherTimeout.status()).isEqualTo(409);
        assertThat(otherTimeout.code()).isEqualTo("ID_EXISTS_WITH_DIFFERENT_FIELDS");
        assertThat(otherTimeout.json().get("index").asInt()).isEqualTo(1);
        assertThat(otherTimeout.json().get("fields").toString()).isEqualTo("[\"timeoutSeconds\"]");
        assertThat(singlePhase.status()).isEqualTo(409);
        assertThat(singlePhase.json().get("fields").toString()).isEqualTo("[\"pending\",\"timeoutSeconds\"]");
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(balances(a)).isEqualTo(new Balances(100, 10, 0));
    }

    @Test
    void an_item_repeating_a_rejected_id_gets_what_the_single_endpoint_answers_and_applies_nothing() {
        String rejectedPending = unique("p");
        String rejectedSingle = unique("t");
        assertThat(pendingTransfer(rejectedPending, a, b, 1_000, null).code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(transfer(rejectedSingle, a, b, 1_000, "USD").code()).isEqualTo("INSUFFICIENT_FUNDS");

        Api.Response samePending = batch(List.of(pendingItem(rejectedPending, a, b, 1_000, null)));
        Api.Response sameSingle = batch(List.of(BatchTransfersApiTest.item(unique("bt"), a, c, 1),
                BatchTransfersApiTest.item(rejectedSingle, a, b, 1_000)));
        Api.Response otherAmount = batch(List.of(pendingItem(rejectedPending, a, b, 10, null)));
        Api.Response singleAgain = pendingTransfer(rejectedPending, a, b, 1_000, null);

        assertThat(samePending.status()).isEqualTo(singleAgain.status());
        assertThat(samePending.code()).isEqualTo(singleAgain.code());
        assertThat(samePending.json().get("fields")).isEqualTo(singleAgain.json().get("fields"));
        assertThat(sameSingle.status()).as("a rejected id stays rejected").isEqualTo(422);
        assertThat(sameSingle.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(sameSingle.json().get("index").asInt()).isEqualTo(1);
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.code()).isEqualTo("ID_ALREADY_FAILED");
        assertThat(otherAmount.json().get("fields").toString()).contains("\"amount\"");
        assertThat(otherAmount.json().get("rejectionCode").asText()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    @Test
    void post_batch_fails_with_400_naming_an_items_timeout_without_pending_or_out_of_range() {
        String withoutPending = BatchTransfersApiTest.item(unique("bt"), a, b, 1).replace("}", ",\"timeoutSeconds\":60}");
        String notPending = pendingItem(unique("bp"), a, b, 1, 60L).replace("\"pending\":true", "\"pending\":false");

        for (List<String> items : List.of(List.of(pendingItem(unique("bp"), a, b, 1, 60L), withoutPending),
                List.of(pendingItem(unique("bp"), a, b, 1, 60L), notPending))) {
            Api.Response response = batch(items);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().get("index").asInt()).isEqualTo(1);
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("transfers[1].timeoutSeconds");
        }
        for (long timeout : new long[]{0, -5, 2_592_001}) {
            Api.Response response = batch(List.of(pendingItem(unique("bp"), a, b, 1, timeout)));
            assertThat(response.status()).as("timeout " + timeout).isEqualTo(400);
            assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("transfers[0].timeoutSeconds");
        }
        assertThat(balances(a)).isEqualTo(new Balances(100, 0, 0));
    }

    /**
     * The batch handler writes an item's expiry row while it appends: both must commit or roll back together. The
     * row goes through the unit of work's transaction (the one the command bus attaches), like the events.
     */
    @Test
    void an_expiry_row_is_written_in_the_unit_of_works_transaction_and_rolls_back_with_it() {
        String rolledBack = unique("bp");
        String committed = unique("bp");

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            expiries.schedule(rolledBack, "acc", "acc-2", Instant.now().plusSeconds(600));
            assertThat(expiryRows(rolledBack)).as("visible inside the transaction").isEqualTo(1);
            throw new IllegalStateException("a later step of the command fails");
        })).hasMessageContaining("a later step");
        inUnitOfWork(() -> expiries.schedule(committed, "acc", "acc-2", Instant.now().plusSeconds(600)));

        assertThat(expiryRows(rolledBack)).isZero();
        assertThat(expiryRows(committed)).isEqualTo(1);
        jdbc.update("delete from pending_expiries where transfer_id = ?", committed);
    }

    private void inUnitOfWork(Runnable task) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(task);
    }
}
