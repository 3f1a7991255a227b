package io.ledgerflow.command.transfer.batch;

import io.ledgerflow.command.axon.LedgerLocks;
import io.ledgerflow.command.axon.RecordingLocks;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferTerms;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch takes its locks in the global order of single transfers: every transfer id, then every account, each by key. */
class BatchLockOrderTest {

    private static BatchItem item(String id, String debit, String credit) {
        return new BatchItem(id, new TransferTerms(TransferKind.TRANSFER, debit, credit, 1, "USD", null, Map.of()));
    }

    @Test
    void a_batch_locks_all_its_transfer_ids_by_key_then_each_account_once_by_key() {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(item("t-" + i, "acc-" + (i % 5), "acc-" + ((i + 1) % 5)));
        }
        RecordingLocks locks = new RecordingLocks();

        BatchCommandHandler.lockInOrder(items, locks);

        List<String> transfers = locks.taken.subList(0, 20);
        List<String> accounts = locks.taken.subList(20, locks.taken.size());
        assertThat(transfers).allMatch(s -> s.startsWith("transfer/")).hasSize(20).doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.comparingLong(LedgerLocks::key));
        assertThat(accounts).containsExactlyInAnyOrder("account/acc-0", "account/acc-1", "account/acc-2",
                "account/acc-3", "account/acc-4").isSortedAccordingTo(Comparator.comparingLong(LedgerLocks::key));
    }
}
