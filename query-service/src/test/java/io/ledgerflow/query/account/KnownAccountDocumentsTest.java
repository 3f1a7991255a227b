package io.ledgerflow.query.account;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.Bulk;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** An account's document, once written, is not made sure of again in its generation; after a loss it is. */
class KnownAccountDocumentsTest extends ProjectionTestBase {

    private ProjectionCollections collections;
    private AccountProjection projection;

    @BeforeEach
    void anAccountOpenedAndFunded() {
        collections = new ProjectionCollections(database);
        projection = new AccountProjection(collections);
        List<EventEnvelope> first = new ArrayList<>(List.of(stream.open("acc-1", "alice", "USD")));
        first.addAll(stream.deposit("d-1", "acc-1", 1_000));
        apply(accountEvents(first));
    }

    @Test
    void a_later_batch_writes_its_balances_and_version_only() {
        List<Bulk> bulks = projection.writesFor(accountEvents(stream.deposit("d-2", "acc-1", 500)));

        // the balance history; then for each of its two accounts (acc-1 and @world:USD) the balances with the
        // version in one write, no upsert of the document
        assertThat(bulks.get(1).writes()).hasSize(2);
        bulks.forEach(Bulk::execute);
        assertThat(account("acc-1")).containsEntry("posted", 1_500L).containsEntry("version", 3L);
    }

    @Test
    void after_the_database_was_lost_the_next_batch_writes_the_document_again() {
        database.drop();
        collections.lost();

        apply(accountEvents(stream.deposit("d-2", "acc-1", 500)));

        assertThat(account("acc-1")).as("written again, from the deposit on")
                .containsEntry("posted", 1_500L).containsEntry("version", 3L);
    }

    @Test
    void another_generation_writes_its_own_document() {
        collections.follow("1");

        apply(accountEvents(stream.deposit("d-2", "acc-1", 500)));

        assertThat(database.getCollection("accounts_g1").find(eq("_id", "acc-1")).first())
                .as("acc-1 in generation 1").isNotNull().containsEntry("version", 3L);
    }

    private void apply(List<EventEnvelope> events) {
        projection.writesFor(events).forEach(Bulk::execute);
        projection.afterWrites(events);
    }

    private List<EventEnvelope> accountEvents(List<EventEnvelope> events) {
        return events.stream().filter(envelope -> projection.handles(envelope.event())).toList();
    }
}
