package io.ledgerflow.projectionbench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ledgerflow.query.messaging.LedgerRecord;
import io.ledgerflow.query.support.Projections;
import io.ledgerflow.testkit.MongoWireServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiConsumer;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's workload does what it says: projected, its money stays among its accounts, every leg shown. */
class TransferWorkloadTest {

    private static final int ACCOUNTS = 20;

    @Test
    void polls_move_money_only_among_the_funded_accounts_and_every_transfer_is_projected() {
        assertPollsProjected((projections, records) -> projections.applyRecords(records));
    }

    @Test
    void three_consumers_applying_their_partitions_at_once_project_and_settle_every_transfer() {
        try (PartitionConsumers consumers = new PartitionConsumers(3)) {
            assertPollsProjected(consumers::apply);
        }
    }

    private static void assertPollsProjected(BiConsumer<Projections, List<LedgerRecord>> applyPoll) {
        try (MongoWireServer server = MongoWireServer.start();
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("workload");
            Projections projections = new Projections(database);
            TransferWorkload workload = new TransferWorkload(ACCOUNTS, 7);
            projections.applyRecords(workload.opening());
            for (int poll = 0; poll < 3; poll++) {
                List<LedgerRecord> records = workload.next(300);
                assertThat(records).hasSizeBetween(300, 302);
                applyPoll.accept(projections, records);
            }

            long posted = 0;
            long versions = 0;
            for (Document account : database.getCollection("accounts").find(in("_id", workload.accounts()))) {
                posted += account.getLong("posted");
                versions += account.getLong("version");
            }
            assertThat(posted).isEqualTo(ACCOUNTS * TransferWorkload.FUNDING);
            // opened, funded, then one version a leg
            assertThat(versions).isEqualTo(2L * ACCOUNTS + 2L * workload.transfers());
            assertThat(workload.transfers()).isEqualTo(300);
            // a pair is stored without the field until it settles
            assertThat(database.getCollection("leg_pairs").countDocuments(ne("settled", true)))
                    .as("pairs not settled").isZero();
            assertThat(database.getCollection("leg_pairs").countDocuments())
                    .as("pairs: a funding and the transfers").isEqualTo(ACCOUNTS + workload.transfers());
        }
    }

    @Test
    void one_seed_gives_one_stream_of_events_with_offsets_in_order_per_partition() {
        TransferWorkload first = new TransferWorkload(ACCOUNTS, 11);
        TransferWorkload second = new TransferWorkload(ACCOUNTS, 11);
        first.opening();
        second.opening();

        List<LedgerRecord> poll = first.next(60);

        assertThat(poll.stream().map(record -> record.envelope().event()).toList())
                .isEqualTo(second.next(60).stream().map(record -> record.envelope().event()).toList());
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            assertThat(poll.stream().filter(record -> record.partition() == p).map(LedgerRecord::offset).toList())
                    .isSorted().doesNotHaveDuplicates();
        }
    }
}
