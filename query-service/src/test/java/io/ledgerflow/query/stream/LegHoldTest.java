package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live stream sends a leg once its pair is settled, when readers show it. */
class LegHoldTest {

    private final LedgerStream stream = new LedgerStream();
    private final LegHold hold = new LegHold(3);

    @Test
    void a_leg_waits_for_its_pair_and_the_other_events_do_not() {
        EventEnvelope opened = stream.open("a", "owner", "EUR");
        stream.open("b", "owner", "EUR");
        List<EventEnvelope> deposit = stream.deposit("d-1", "a", 100);
        List<EventEnvelope> transfer = deposit.subList(deposit.size() - 3, deposit.size());

        assertThat(hold.passing(List.of(opened, transfer.get(0), transfer.get(1)), true))
                .containsExactly(opened, transfer.get(0));
        assertThat(ids(hold.release(List.of("d-1/post")))).containsExactly(transfer.get(1).id());
        assertThat(hold.passing(List.of(transfer.get(2)), true)).as("its pair settled already")
                .containsExactly(transfer.get(2));
        assertThat(hold.heldCount()).isZero();
    }

    @Test
    void past_its_bound_the_oldest_held_legs_go_out_unsettled() {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> debits = List.of(stream.transfer("t-1", "a", "b", 1).get(1),
                stream.transfer("t-2", "a", "b", 1).get(1), stream.transfer("t-3", "a", "b", 1).get(1),
                stream.transfer("t-4", "a", "b", 1).get(1));

        assertThat(ids(hold.passing(debits, true))).containsExactly(debits.get(0).id());
        assertThat(hold.heldCount()).isEqualTo(3);
        assertThat(ids(hold.release(List.of("t-3/post", "t-9/post")))).as("t-2 is settled before t-3 is")
                .containsExactly(debits.get(1).id(), debits.get(2).id());
    }

    @Test
    void an_accounts_earlier_leg_goes_out_before_its_later_one_whose_pair_settled_first() {
        accountsAAndBWithMoneyOnA();
        EventEnvelope first = stream.transfer("t-1", "a", "b", 1).get(1);
        EventEnvelope second = stream.transfer("t-2", "a", "b", 1).get(1);
        List<EventEnvelope> sent = new ArrayList<>(hold.passing(List.of(first, second), true));

        sent.addAll(hold.release(List.of("t-2/post")));
        sent.addAll(hold.release(List.of("t-1/post")));

        assertThat(ids(sent)).containsExactly(first.id(), second.id());
        assertThat(hold.heldCount()).isZero();
    }

    @Test
    void a_settled_later_leg_releases_the_earlier_legs_of_its_account_which_are_settled_too() {
        accountsAAndBWithMoneyOnA();
        EventEnvelope first = stream.transfer("t-1", "a", "b", 1).get(1);
        EventEnvelope second = stream.transfer("t-2", "a", "b", 1).get(1);
        hold.passing(List.of(first, second), true);

        assertThat(ids(hold.release(List.of("t-2/post")))).as("t-1 is settled before t-2 is")
                .containsExactly(first.id(), second.id());
    }

    @Test
    void a_leg_whose_pair_settled_before_it_came_waits_for_no_earlier_leg_of_its_account() {
        accountsAAndBWithMoneyOnA();
        EventEnvelope first = stream.transfer("t-1", "a", "b", 1).get(1);
        EventEnvelope second = stream.transfer("t-2", "a", "b", 1).get(1);
        hold.release(List.of("t-2/post"));

        assertThat(ids(hold.passing(List.of(first, second), true))).containsExactly(first.id(), second.id());
    }

    @Test
    void an_accounts_other_events_wait_behind_its_held_leg_and_other_accounts_do_not() {
        accountsAAndBWithMoneyOnA();
        EventEnvelope debit = stream.transfer("t-1", "a", "b", 1).get(1);
        EventEnvelope frozen = stream.freeze("a");
        EventEnvelope opened = stream.open("c", "owner", "EUR");

        assertThat(hold.passing(List.of(debit, frozen, opened), true)).containsExactly(opened);
        assertThat(ids(hold.release(List.of("t-1/post")))).containsExactly(debit.id(), frozen.id());
        assertThat(hold.heldCount()).isZero();
    }

    @Test
    void past_its_bound_the_oldest_held_leg_goes_out_with_what_waited_behind_it_only() {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> first = stream.transfer("t-1", "a", "b", 1);
        EventEnvelope frozen = stream.freeze("a");
        EventEnvelope second = stream.transfer("t-2", "a", "b", 1).get(1);

        assertThat(ids(hold.passing(List.of(first.get(1), frozen, first.get(2), second), true)))
                .containsExactly(first.get(1).id(), frozen.id());
        assertThat(hold.heldCount()).as("b's credit and a's second debit").isEqualTo(2);
        assertThat(ids(hold.release(List.of("t-1/post")))).containsExactly(first.get(2).id());
    }

    @Test
    void a_held_leg_keeps_what_the_stream_sends_and_not_its_commands_metadata() {
        accountsAAndBWithMoneyOnA();
        EventEnvelope debit = stream.transfer("t-1", "a", "b", 1).get(1);

        hold.passing(List.of(debit), true);
        EventEnvelope released = hold.release(List.of("t-1/post")).get(0);

        assertThat(released).isEqualTo(new EventEnvelope(debit.id(), debit.time(), debit.position(),
                debit.sequence(), null, null, null, null, debit.event()));
        assertThat(debit.principal()).as("the original had it").isNotNull();
    }

    @Test
    void a_settled_pair_is_forgotten_once_both_its_legs_came_by() {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 1);
        EventEnvelope debit = transfer.get(1);
        EventEnvelope credit = transfer.get(2);

        hold.release(List.of("t-1/post"));
        assertThat(hold.settledCount()).isEqualTo(1);
        assertThat(hold.passing(List.of(debit, debit), true)).as("the same leg twice").containsExactly(debit, debit);
        assertThat(hold.settledCount()).as("the other leg is still to come").isEqualTo(1);
        assertThat(hold.passing(List.of(credit), true)).containsExactly(credit);
        assertThat(hold.settledCount()).isZero();
    }

    @Test
    void a_pair_whose_two_legs_were_held_is_not_remembered_and_one_held_leg_waits_for_the_other() {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> first = stream.transfer("t-1", "a", "b", 1);
        List<EventEnvelope> second = stream.transfer("t-2", "a", "b", 1);

        hold.passing(List.of(first.get(1), first.get(2), second.get(1)), true);
        assertThat(hold.release(List.of("t-1/post", "t-2/post"))).hasSize(3);
        assertThat(hold.settledCount()).as("t-2's credit is still to come").isEqualTo(1);
        assertThat(hold.passing(List.of(second.get(2)), true)).containsExactly(second.get(2));
        assertThat(hold.settledCount()).isZero();
        assertThat(hold.heldCount()).isZero();
    }

    @Test
    void with_nobody_watching_a_leg_goes_out_at_once_and_its_pair_is_noted_until_settled() throws InterruptedException {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 1);
        long before = hold.nextTicket();

        assertThat(hold.passing(transfer.subList(1, 2), false)).containsExactly(transfer.get(1));
        assertThat(hold.heldCount()).isZero();
        assertThat(hold.unheldCount()).isEqualTo(1);
        long after = hold.nextTicket();
        assertThat(hold.awaitSettledBefore(before, 0)).as("noted after that ticket").isTrue();
        assertThat(hold.passing(transfer.subList(2, 3), false)).containsExactly(transfer.get(2));
        assertThat(hold.unheldCount()).as("one pair").isEqualTo(1);
        assertThat(hold.release(List.of("t-1/post"))).isEmpty();
        assertThat(hold.awaitSettledBefore(after, 0)).isTrue();
        assertThat(hold.unheldCount()).isZero();
        assertThat(hold.settledCount()).as("both legs came by unheld").isZero();
    }

    @Test
    void a_pair_still_unsettled_when_a_wait_times_out_holds_up_no_later_subscriber() throws InterruptedException {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> stuck = stream.transfer("t-1", "a", "b", 1);
        List<EventEnvelope> later = stream.transfer("t-2", "a", "b", 1);
        hold.passing(stuck.subList(1, 2), false);
        long first = hold.nextTicket();
        hold.passing(later.subList(1, 2), false);

        assertThat(hold.awaitSettledBefore(first, 1_000_000)).as("t-1 never settles here").isFalse();
        assertThat(hold.unheldCount()).as("t-2 came after that subscriber").isEqualTo(1);
        assertThat(hold.awaitSettledBefore(first, 0)).isTrue();
        hold.release(List.of("t-2/post"));
        assertThat(hold.awaitSettledBefore(hold.nextTicket(), 0)).isTrue();
    }

    @Test
    void a_pair_with_one_leg_out_unheld_and_one_held_is_not_remembered_once_settled() {
        accountsAAndBWithMoneyOnA();
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 1);

        hold.passing(transfer.subList(1, 2), false);
        assertThat(hold.passing(transfer.subList(2, 3), true)).as("a subscriber came: held").isEmpty();
        assertThat(ids(hold.release(List.of("t-1/post")))).containsExactly(transfer.get(2).id());
        assertThat(hold.settledCount()).isZero();
    }

    private void accountsAAndBWithMoneyOnA() {
        stream.open("a", "owner", "EUR");
        stream.open("b", "owner", "EUR");
        stream.deposit("d-1", "a", 1_000);
    }

    private static List<String> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::id).toList();
    }
}
