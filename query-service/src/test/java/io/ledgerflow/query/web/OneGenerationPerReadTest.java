package io.ledgerflow.query.web;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.pairing.PageCut;
import io.ledgerflow.query.pairing.SettledCuts;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.support.Projections;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's switch while a page of accounts is being read. The old generation is ahead: t-1's debit is applied
 * there and its credit is not yet, so it shows on neither account. The new one is behind: it has the accounts and
 * the funding only. Read partly from each, the debit's document comes from the old generation and its history and
 * pair from the new one, which has no such leg: the page would show the debit without its credit.
 */
class OneGenerationPerReadTest extends ProjectionTestBase {

    private static final long FUNDING = 1_000;

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/accounts");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private ProjectionCollections collections;
    private OneGenerationPerRead oneGeneration;

    @BeforeEach
    void anOldGenerationAheadOfTheNewOne() {
        Projections rebuilt = new Projections(database, "1");
        List<EventEnvelope> funded = new ArrayList<>(List.of(stream.open("a", "owner", "EUR"),
                stream.open("b", "owner", "EUR")));
        funded.addAll(stream.deposit("fund-a", "a", FUNDING));
        projections.apply(funded);
        rebuilt.apply(funded);
        projections.apply(stream.transfer("t-1", "a", "b", 300).get(1));
        collections = new ProjectionCollections(database);
        oneGeneration = new OneGenerationPerRead(collections);
    }

    @Test
    void a_page_read_across_a_switch_adds_up_to_what_was_deposited() {
        PageCut pageCut = new PageCut(collections, new SettledCuts(collections));
        Map<String, Document> documents = new HashMap<>();

        oneGeneration.preHandle(request, response, this);
        Map<String, SettledCuts.Cut> cuts = pageCut.of(List.of("a", "b"), ids -> {
            List<SettledCuts.Applied> read = read(ids, documents);
            collections.follow("1");
            return read;
        });
        oneGeneration.afterCompletion(request, response, this, null);

        long shown = cuts.entrySet().stream().mapToLong(cut -> cut.getValue().balances() != null
                ? cut.getValue().balances().posted() : documents.get(cut.getKey()).getLong("posted")).sum();
        assertThat(shown).as("Σ posted over the page").isEqualTo(FUNDING);
        assertThat(cuts.get("a").version()).as("a's version shown, below t-1's debit").isEqualTo(2);
    }

    @Test
    void the_next_read_on_the_thread_reads_the_generation_switched_to() {
        oneGeneration.preHandle(request, response, this);
        collections.follow("1");
        assertThat(collections.generation()).isEqualTo(ProjectionCollections.INITIAL_GENERATION);

        oneGeneration.afterCompletion(request, response, this, null);

        assertThat(collections.generation()).isEqualTo("1");
    }

    @Test
    void a_stream_leaves_its_request_thread_unpinned() {
        oneGeneration.preHandle(request, response, this);
        collections.follow("1");

        oneGeneration.afterConcurrentHandlingStarted(request, response, this);

        assertThat(collections.generation()).isEqualTo("1");
    }

    /** The accounts as the query-service reads them, from the generation this thread reads. */
    private List<SettledCuts.Applied> read(Collection<String> ids, Map<String, Document> documents) {
        List<SettledCuts.Applied> applied = new ArrayList<>();
        for (Document document : collections.accounts().find(in("_id", ids))) {
            String id = document.getString("_id");
            documents.putIfAbsent(id, document);
            applied.add(new SettledCuts.Applied(id, document.getLong("version"), document.getLong("balancesVersion"),
                    document));
        }
        return applied;
    }
}
