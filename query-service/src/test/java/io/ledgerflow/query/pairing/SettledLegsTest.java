package io.ledgerflow.query.pairing;

import io.ledgerflow.events.envelope.EventEnvelope;
import io.ledgerflow.query.account.AccountListQuery;
import io.ledgerflow.query.account.AccountLists;
import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.account.AccountView;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.ProjectionTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** A transfer's step shows on its two accounts together, and only once every earlier step of either one does. */
class SettledLegsTest extends ProjectionTestBase {

    private AccountQueries accounts;
    private AccountLists lists;

    @BeforeEach
    void readers() {
        ProjectionCollections collections = new ProjectionCollections(database);
        SettledCuts cuts = new SettledCuts(collections);
        accounts = new AccountQueries(collections, cuts);
        lists = new AccountLists(collections, new PageCut(collections, cuts), new ReadTimeLimit(Duration.ofSeconds(5)));
        for (String id : List.of("a", "b", "c")) {
            projections.apply(stream.open(id, "owner", "EUR"));
        }
        projections.apply(stream.deposit("fund-a", "a", 1_000));
        projections.apply(stream.deposit("fund-c", "c", 1_000));
    }

    @Test
    void a_debit_is_not_shown_until_its_credit_is_applied() {
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 300);

        projections.apply(List.of(transfer.get(0), transfer.get(1)));

        assertThat(shown("a")).extracting(AccountView::posted, AccountView::version).containsExactly(1_000L, 2L);
        assertThat(shown("b").posted()).isZero();
        assertThat(account("a").getLong("posted")).as("applied, not shown").isEqualTo(700);

        projections.apply(transfer.get(2));

        assertThat(shown("a")).extracting(AccountView::posted, AccountView::version).containsExactly(700L, 3L);
        assertThat(shown("b")).extracting(AccountView::posted, AccountView::version).containsExactly(300L, 2L);
        assertThat(account("a").getLong(LegDocuments.SETTLED_THROUGH)).as("the watermark").isEqualTo(3);
        assertThat(account("b").getLong(LegDocuments.SETTLED_THROUGH)).isEqualTo(2);
    }

    @Test
    void a_complete_transfer_waits_for_an_earlier_leg_of_its_other_account() {
        List<EventEnvelope> first = stream.transfer("t-1", "c", "b", 100);
        List<EventEnvelope> second = stream.transfer("t-2", "a", "b", 300);
        projections.apply(first.get(2));

        projections.apply(List.of(second.get(1), second.get(2)));

        assertThat(shown("a").posted()).as("b shows neither yet, so a may not show t-2").isEqualTo(1_000);
        assertThat(shown("b").posted()).isZero();

        projections.apply(first.get(1));

        assertThat(shown("c").posted()).isEqualTo(900);
        assertThat(shown("b").posted()).isEqualTo(400);
        assertThat(shown("a").posted()).isEqualTo(700);
    }

    @Test
    void a_hold_shows_on_both_sides_together_and_its_release_too() {
        List<EventEnvelope> hold = stream.hold("h-1", "a", "b", 250, null);
        projections.apply(hold.get(0));

        assertThat(shown("a").pendingDebits()).isZero();
        assertThat(shown("a").available()).isEqualTo(1_000);

        projections.apply(hold.get(1));
        assertThat(shown("a").pendingDebits()).isEqualTo(250);
        assertThat(shown("b").pendingCredits()).isEqualTo(250);

        List<EventEnvelope> post = stream.postPending("h-1", "a", "b", 250, 200);
        projections.apply(post.get(1));

        assertThat(shown("b")).extracting(AccountView::posted, AccountView::pendingCredits).containsExactly(0L, 250L);
        assertThat(shown("a")).extracting(AccountView::posted, AccountView::pendingDebits).containsExactly(1_000L, 250L);

        projections.apply(post.get(0));
        assertThat(shown("a")).extracting(AccountView::posted, AccountView::pendingDebits).containsExactly(800L, 0L);
        assertThat(shown("b")).extracting(AccountView::posted, AccountView::pendingCredits).containsExactly(200L, 0L);
    }

    @Test
    void a_leg_delivered_again_after_it_settled_stays_shown() {
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 300);
        projections.applyEach(transfer);

        projections.apply(transfer.get(1));

        assertThat(shown("a").posted()).isEqualTo(700);
        assertThat(account("a").getLong(LegDocuments.SETTLED_THROUGH)).isEqualTo(3);
    }

    @Test
    void a_list_shows_an_unsettled_transfer_on_neither_account() {
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 300);
        projections.apply(transfer.get(1));

        List<AccountView> page = lists.page(AccountListQuery.parse("owner", null, null, null, null),
                ReadScope.everything()).items();

        assertThat(page).extracting(AccountView::id, AccountView::posted)
                .containsExactly(tuple("a", 1_000L),
                        tuple("b", 0L), tuple("c", 1_000L));
    }

    @Test
    void a_document_caught_with_its_balances_ahead_of_its_version_shows_no_unsettled_leg() {
        List<EventEnvelope> transfer = stream.transfer("t-1", "a", "b", 300);
        projections.apply(transfer.get(1));
        // as a writer of an earlier build left it between its balances' write and its version's
        database.getCollection("accounts").updateOne(eq("_id", "a"), set("version", 2L));

        assertThat(shown("a")).as("the debit's pair is not settled")
                .extracting(AccountView::posted, AccountView::version).containsExactly(1_000L, 2L);
    }

    private AccountView shown(String id) {
        return accounts.find(id, ReadScope.everything()).orElseThrow();
    }
}
