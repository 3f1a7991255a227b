package io.ledgerflow.query.messaging;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.ReplaceOptions;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.Infrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instance that switched generations drops the old one after a grace period, unless it stopped first: any
 * instance's sweep then drops it, and every older one, and never the current one or a rebuild's newer one.
 */
class OldGenerationSweepTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private MongoClient client;
    private ProjectionCollections collections;
    private PartitionCheckpoints checkpoints;
    private OldGenerationSweep sweep;

    @BeforeEach
    void freshDatabase() {
        client = MongoClients.create(Infrastructure.mongoConnectionString());
        collections = new ProjectionCollections(client.getDatabase(Infrastructure.newMongoDatabaseName()));
        checkpoints = new PartitionCheckpoints(collections);
        sweep = new OldGenerationSweep(collections, checkpoints, "ledger", GRACE);
        for (String generation : new String[]{"0", "1", "2", "3", "4"}) {
            collections.in(generation, () -> {
                collections.accounts().insertOne(new Document("_id", "acc-" + generation));
                checkpoints.advance("ledger", 0, 10);
                return null;
            });
        }
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void the_generation_switched_from_is_dropped_once_the_grace_has_passed_and_every_older_one_with_it() {
        switched("3", "2", Instant.now().minus(GRACE).minusSeconds(1));

        assertThat(sweep.sweep()).containsExactly("0", "1", "2");

        assertThat(collections.generationsPresent()).containsExactly("3", "4");
        assertThat(checkpoints.all("ledger", "2")).isEmpty();
        assertThat(checkpoints.all("ledger", "3")).hasSize(1);
        assertThat(collections.in("3", () -> collections.accounts().countDocuments())).isEqualTo(1);
    }

    @Test
    void the_generation_switched_from_stays_while_queries_may_still_read_it() {
        switched("3", "2", Instant.now());

        assertThat(sweep.sweep()).containsExactly("0", "1");

        assertThat(collections.generationsPresent()).containsExactly("2", "3", "4");
    }

    @Test
    void generations_older_than_the_one_switched_from_stay_while_they_were_read_within_the_grace() {
        switched("3", "2", Instant.now(), Instant.now().minusSeconds(10));

        assertThat(sweep.sweep()).as("two rebuilds within the grace: 1 was current 10 s ago").isEmpty();

        switched("3", "2", Instant.now().minus(GRACE).minusSeconds(1), Instant.now().minus(GRACE).minusSeconds(5));
        assertThat(sweep.sweep()).containsExactly("0", "1", "2");
        assertThat(collections.drop("1")).as("dropping what is gone drops nothing").isFalse();
    }

    @Test
    void a_database_that_never_switched_keeps_everything() {
        assertThat(sweep.sweep()).isEmpty();

        assertThat(collections.generationsPresent()).containsExactly("0", "1", "2", "3", "4");
    }

    private void switched(String generation, String previous, Instant at) {
        switched(generation, previous, at, null);
    }

    private void switched(String generation, String previous, Instant at, Instant previousSince) {
        collections.projectionState().replaceOne(eq("_id", CurrentGeneration.DOCUMENT_ID),
                new Document("_id", CurrentGeneration.DOCUMENT_ID).append("generation", generation)
                        .append("previous", previous).append("switchedAt", Date.from(at))
                        .append("previousSince", previousSince == null ? null : Date.from(previousSince)),
                new ReplaceOptions().upsert(true));
    }
}
