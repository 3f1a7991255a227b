package io.ledgerflow.query.stream;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.api.Test;

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

        assertThat(hold.passing(List.of(opened, transfer.get(0), transfer.get(1))))
                .containsExactly(opened, transfer.get(0));
        assertThat(hold.release(List.of("d-1/post"))).containsExactly(transfer.get(1));
        assertThat(hold.passing(List.of(transfer.get(2)))).as("its pair settled already")
                .containsExactly(transfer.get(2));
        assertThat(hold.heldCount()).isZero();
    }

    @Test
    void past_its_bound_the_oldest_held_legs_go_out_unsettled() {
        stream.open("a", "owner", "EUR");
        stream.open("b", "owner", "EUR");
        stream.deposit("d-1", "a", 1_000);
        List<EventEnvelope> debits = List.of(stream.transfer("t-1", "a", "b", 1).get(1),
                stream.transfer("t-2", "a", "b", 1).get(1), stream.transfer("t-3", "a", "b", 1).get(1),
                stream.transfer("t-4", "a", "b", 1).get(1));

        assertThat(hold.passing(debits)).containsExactly(debits.get(0));
        assertThat(hold.heldCount()).isEqualTo(3);
        assertThat(hold.release(List.of("t-3/post", "t-9/post"))).containsExactly(debits.get(2));
    }
}
