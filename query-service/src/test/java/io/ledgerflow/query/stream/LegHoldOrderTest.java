package io.ledgerflow.query.stream;

import io.ledgerflow.events.account.AccountEvent;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.pairing.Leg;
import io.ledgerflow.query.support.LedgerStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each account's events projected from its own partition in batches, pairs settled as {@code LegSettlement} settles
 * them (both legs applied and the earlier legs of both accounts settled), and the notices of settled pairs arriving
 * late and in any order, one overtaking another: every event goes out once, each account's in its order, and each
 * leg only once its pair is settled.
 */
class LegHoldOrderTest {

    private static final List<String> ACCOUNTS = List.of("a", "b", "c", "d");

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void one_accounts_events_go_out_in_order_and_each_leg_once_its_pair_is_settled(long seed) {
        Random random = new Random(seed);
        LedgerStream stream = new LedgerStream();
        ACCOUNTS.forEach(account -> stream.open(account, "owner", "EUR"));
        for (int i = 0; i < 40; i++) {
            int debit = random.nextInt(ACCOUNTS.size());
            int credit = (debit + 1 + random.nextInt(ACCOUNTS.size() - 1)) % ACCOUNTS.size();
            stream.transfer("t-" + i, ACCOUNTS.get(debit), ACCOUNTS.get(credit), 1);
            if (random.nextInt(8) == 0) {
                stream.freeze(ACCOUNTS.get(debit));
            }
        }
        new Run(stream.all(), random).run();
    }

    private static final class Run {

        private final Random random;
        private final LegHold hold = new LegHold(10_000);
        private final Map<String, List<EventEnvelope>> partitions = new HashMap<>();
        private final Map<String, Integer> projected = new HashMap<>();
        /** Per pair, the accounts whose legs are applied. */
        private final Map<String, Set<String>> applied = new HashMap<>();
        /** Per leg's event id, the pair of the leg before it on its account (null: none). */
        private final Map<String, String> before = new HashMap<>();
        private final Map<String, List<Leg>> legsOfPair = new HashMap<>();
        private final Set<String> settled = new HashSet<>();
        private final List<String> notices = new ArrayList<>();
        private final List<EventEnvelope> sent = new ArrayList<>();

        Run(List<EventEnvelope> events, Random random) {
            this.random = random;
            Map<String, String> lastPair = new HashMap<>();
            for (EventEnvelope event : events) {
                if (event.event() instanceof AccountEvent accountEvent) {
                    partitions.computeIfAbsent(accountEvent.accountId(), id -> new ArrayList<>()).add(event);
                    Leg.of(event).ifPresent(leg -> {
                        before.put(event.id(), lastPair.get(leg.accountId()));
                        lastPair.put(leg.accountId(), leg.pair());
                        legsOfPair.computeIfAbsent(leg.pair(), pair -> new ArrayList<>()).add(leg);
                    });
                }
            }
        }

        void run() {
            while (projected.values().stream().mapToInt(Integer::intValue).sum() < eventCount()) {
                if (!notices.isEmpty() && random.nextInt(3) == 0) {
                    notice(notices.remove(random.nextInt(notices.size())));
                } else {
                    projectABatch();
                }
            }
            while (!notices.isEmpty()) {
                notice(notices.remove(random.nextInt(notices.size())));
            }
            partitions.forEach((account, events) -> assertThat(sent).filteredOn(event -> accountOf(event)
                    .equals(account)).extracting(EventEnvelope::sequence).as("account " + account)
                    .containsExactlyElementsOf(events.stream().map(EventEnvelope::sequence).toList()));
            assertThat(hold.heldCount()).isZero();
        }

        private void projectABatch() {
            List<String> left = partitions.keySet().stream()
                    .filter(account -> projected.getOrDefault(account, 0) < partitions.get(account).size()).toList();
            String account = left.get(random.nextInt(left.size()));
            List<EventEnvelope> events = partitions.get(account);
            int from = projected.getOrDefault(account, 0);
            List<EventEnvelope> batch = events.subList(from, Math.min(events.size(), from + 1 + random.nextInt(3)));
            projected.put(account, from + batch.size());
            batch.forEach(event -> Leg.of(event).ifPresent(leg ->
                    applied.computeIfAbsent(leg.pair(), pair -> new HashSet<>()).add(account)));
            settleWhatCan();
            send(hold.passing(batch, true));
        }

        /** As LegSettlement: a pair with both legs applied whose legs' predecessors are settled; notices come later. */
        private void settleWhatCan() {
            boolean progress = true;
            while (progress) {
                progress = false;
                for (Map.Entry<String, Set<String>> pair : applied.entrySet()) {
                    if (!settled.contains(pair.getKey()) && pair.getValue().size() == 2 && partitions.values().stream()
                            .flatMap(List::stream).filter(event -> Leg.of(event)
                                    .filter(leg -> leg.pair().equals(pair.getKey())).isPresent())
                            .map(event -> before.get(event.id())).allMatch(pred -> pred == null
                                    || settled.contains(pred))) {
                        settled.add(pair.getKey());
                        notices.add(pair.getKey());
                        progress = true;
                    }
                }
            }
        }

        private void notice(String pair) {
            send(hold.release(List.of(pair)));
        }

        private void send(List<EventEnvelope> events) {
            for (EventEnvelope event : events) {
                Leg.of(event).ifPresent(leg -> assertThat(settled).as("the pair of a leg sent").contains(leg.pair()));
                sent.add(event);
            }
        }

        private int eventCount() {
            return partitions.values().stream().mapToInt(List::size).sum();
        }

        private static String accountOf(EventEnvelope event) {
            return ((AccountEvent) event.event()).accountId();
        }
    }
}
