package io.ledgerflow.query.pairing;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LegTailsTest {

    private final LedgerStream stream = new LedgerStream();
    private final LegTails tails = new LegTails();

    @BeforeEach
    void accounts() {
        stream.open("a", "owner", "EUR");
        stream.open("b", "owner", "EUR");
    }

    @Test
    void a_leg_follows_the_newest_leg_seen_without_a_gap_and_the_first_follows_none() {
        stream.deposit("fund-a", "a", 100);
        stream.freeze("a");
        stream.unfreeze("a");
        stream.transfer("t-1", "a", "b", 30);

        assertThat(tails.follow(ofAccounts(stream.all(), "a", "b"))).containsOnly(
                entry("a#1", Optional.empty()),
                entry("a#4", Optional.of("fund-a/post")),
                entry("b#1", Optional.empty()));
    }

    @Test
    void a_leg_after_a_gap_is_not_known_and_the_ones_after_it_are() {
        stream.deposit("fund-a", "a", 100);
        stream.transfer("t-1", "a", "b", 30);
        stream.transfer("t-2", "a", "b", 20);
        List<EventEnvelope> ofA = ofAccounts(stream.all(), "a");

        tails.follow(ofA.subList(0, 1));

        assertThat(tails.follow(ofA.subList(2, 4))).containsOnly(entry("a#3", Optional.of("t-1/post")));
    }

    @Test
    void events_read_again_tell_nothing() {
        stream.deposit("fund-a", "a", 100);
        stream.transfer("t-1", "a", "b", 30);
        List<EventEnvelope> ofA = ofAccounts(stream.all(), "a");
        tails.follow(ofA);

        assertThat(tails.follow(ofA.subList(1, 3))).isEmpty();
    }

    private static List<EventEnvelope> ofAccounts(List<EventEnvelope> events, String... accounts) {
        List<String> wanted = List.of(accounts);
        return events.stream().filter(envelope -> envelope.event() instanceof AccountEvent event
                && wanted.contains(event.accountId())).toList();
    }
}
