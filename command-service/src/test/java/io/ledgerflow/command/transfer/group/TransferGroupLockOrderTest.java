package io.ledgerflow.command.transfer.group;

import io.ledgerflow.command.account.SettlementShards;
import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.transfer.TransferFunds;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group of transfers takes its locks as a lone transfer does (every transfer id by key, then every account by
 * key) and in one request: a group of one issues the statements the transfer would alone.
 */
class TransferGroupLockOrderTest {

    /** Records each request for locks as one list. */
    private static final class RequestRecordingLocks implements LedgerLocks {

        final List<List<String>> requests = new ArrayList<>();

        @Override
        public void lock(String streamId) {
            lockAll(List.of(streamId));
        }

        @Override
        public void lockAll(List<String> streamIds) {
            requests.add(List.copyOf(streamIds));
        }
    }

    private final RequestRecordingLocks locks = new RequestRecordingLocks();
    private final TransferGroupHandler handler = new TransferGroupHandler(null, null, locks, new SettlementShards(locks),
            new GroupingProperties(GroupingProperties.Mode.ALL, 2, 64, 100, Duration.ofSeconds(1)), null, null);

    private static CommandMessage<?> transfer(String id, String debit, String credit) {
        return GenericCommandMessage.asCommandMessage(new TransferFunds(id,
                new TransferTerms(TransferKind.TRANSFER, debit, credit, 1, "USD", null, Map.of()), null));
    }

    @Test
    void a_group_of_one_locks_its_transfer_then_its_accounts_in_one_request() {
        handler.lockInGlobalOrder(List.of(transfer("t-1", "acc-b", "acc-a")));

        assertThat(locks.requests).singleElement().satisfies(request -> {
            assertThat(request.get(0)).isEqualTo("transfer/t-1");
            assertThat(request.subList(1, 3)).containsExactlyInAnyOrder("account/acc-a", "account/acc-b")
                    .isSortedAccordingTo(Comparator.comparingLong(LedgerLocks::key));
        });
    }

    @Test
    void a_group_locks_all_its_transfer_ids_by_key_then_each_account_once_by_key_in_one_request() {
        List<CommandMessage<?>> group = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            group.add(transfer("t-" + i, "acc-" + (i % 4), "acc-" + ((i + 1) % 4)));
        }

        handler.lockInGlobalOrder(group);

        assertThat(locks.requests).hasSize(1);
        List<String> request = locks.requests.get(0);
        assertThat(request.subList(0, 12)).allMatch(stream -> stream.startsWith("transfer/")).doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.comparingLong(LedgerLocks::key));
        assertThat(request.subList(12, request.size()))
                .containsExactlyInAnyOrder("account/acc-0", "account/acc-1", "account/acc-2", "account/acc-3")
                .isSortedAccordingTo(Comparator.comparingLong(LedgerLocks::key));
    }
}
