package io.ledgerflow.command.account;

import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.events.account.SettlementAccounts;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementShardsTest {

    /** Offers every candidate list it is asked about, and takes the first candidate that is not busy. */
    private static final class BusyLocks implements LedgerLocks {
        final Set<String> busy = new HashSet<>();
        final List<List<String>> asked = new ArrayList<>();

        @Override
        public void lock(String streamId) {
        }

        @Override
        public String lockAnyOf(List<String> streamIds) {
            asked.add(List.copyOf(streamIds));
            return streamIds.stream().filter(id -> !busy.contains(id)).findFirst().orElse(streamIds.get(0));
        }
    }

    private final BusyLocks locks = new BusyLocks();
    private final SettlementShards shards = new SettlementShards(locks);

    @Test
    void movements_one_after_the_other_take_every_shard_in_turn() {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < SettlementAccounts.SHARDS; i++) {
            taken.add(shards.lockShardOf("USD"));
        }

        assertThat(taken).containsExactlyInAnyOrderElementsOf(SettlementAccounts.shardIds("USD"));
        assertThat(locks.asked).allSatisfy(candidates -> assertThat(candidates)
                .as("every shard is a candidate, each once").hasSize(SettlementAccounts.SHARDS).doesNotHaveDuplicates()
                .allMatch(stream -> stream.startsWith("account/@world:USD")));
    }

    @Test
    void a_busy_shard_is_passed_over_for_the_next_free_one() {
        locks.busy.add("account/@world:EUR");
        locks.busy.add("account/@world:EUR:1");

        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 3 * SettlementAccounts.SHARDS; i++) {
            taken.add(shards.lockShardOf("EUR"));
        }

        assertThat(taken).doesNotContain("@world:EUR", "@world:EUR:1").hasSize(SettlementAccounts.SHARDS - 2);
    }

    @Test
    void a_unit_of_work_keeps_its_shard_of_each_currency() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        List<String> taken = unitOfWork.executeWithResult(() -> List.of(shards.lockShardOf("USD"),
                shards.lockShardOf("JPY"), shards.lockShardOf("USD"), shards.lockShardOf("JPY"))).getPayload();

        assertThat(taken.get(0)).isEqualTo(taken.get(2)).startsWith("@world:USD");
        assertThat(taken.get(1)).isEqualTo(taken.get(3)).startsWith("@world:JPY");
        assertThat(locks.asked).as("one lock request per currency").hasSize(2);
    }
}
