package io.ledgerflow.query.pairing;

import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB reads a page's documents one after another, with no snapshot across them: a pair settled between two of
 * them shows on the document read after it and not on the one read before. The page must still show it on both
 * accounts or on neither.
 */
class PageCutTest extends ProjectionTestBase {

    private PageCut pageCut;
    private List<EventEnvelope> transfer;

    @BeforeEach
    void aTransferWithOnlyItsDebitApplied() {
        ProjectionCollections collections = new ProjectionCollections(database);
        pageCut = new PageCut(collections, new SettledCuts(collections));
        projections.apply(stream.open("a", "owner", "EUR"));
        projections.apply(stream.open("b", "owner", "EUR"));
        projections.apply(stream.deposit("fund-a", "a", 1_000));
        transfer = stream.transfer("t-1", "a", "b", 300);
        projections.apply(transfer.get(1));
    }

    @Test
    void a_pair_settled_between_two_documents_of_one_reading_is_shown_on_neither() {
        Map<String, SettledCuts.Cut> cuts = pageCut.of(List.of("a", "b"), new Readings() {
            @Override
            List<SettledCuts.Applied> first() {
                SettledCuts.Applied b = applied("b");
                projections.apply(transfer.get(2));
                return List.of(applied("a"), b);
            }
        });

        assertThat(cuts.get("b").version()).isEqualTo(1);
        assertThat(cuts.get("a").version()).as("cut back below t-1").isEqualTo(2);
        assertThat(cuts.get("a").balances()).isEqualTo(new Balances(1_000, 0, 0));
    }

    @Test
    void a_pair_settled_before_the_reading_is_shown_on_both() {
        projections.apply(transfer.get(2));

        Map<String, SettledCuts.Cut> cuts = pageCut.of(List.of("a", "b"), new Readings());

        assertThat(cuts.get("a").version()).isEqualTo(3);
        assertThat(cuts.get("b").version()).isEqualTo(2);
    }

    @Test
    void a_pair_settled_after_the_documents_were_read_but_before_their_pairs_is_shown_on_neither() {
        Map<String, SettledCuts.Cut> cuts = pageCut.of(List.of("a", "b"), new Readings() {
            @Override
            List<SettledCuts.Applied> first() {
                List<SettledCuts.Applied> read = super.first();
                projections.apply(transfer.get(2));
                return read;
            }
        });

        assertThat(cuts.get("a").version()).isEqualTo(2);
        assertThat(cuts.get("b").version()).isEqualTo(1);
    }

    /** The first reading (overridden to interleave writes), then plain ones. */
    private class Readings implements java.util.function.Function<Collection<String>, List<SettledCuts.Applied>> {

        private int count;

        List<SettledCuts.Applied> first() {
            return new ArrayList<>(List.of(applied("a"), applied("b")));
        }

        @Override
        public List<SettledCuts.Applied> apply(Collection<String> ids) {
            return count++ == 0 ? first() : List.of(applied("a"), applied("b"));
        }
    }

    private SettledCuts.Applied applied(String id) {
        Document document = account(id);
        return new SettledCuts.Applied(id, document.getLong("version"), document.getLong("balancesVersion"), document);
    }
}
