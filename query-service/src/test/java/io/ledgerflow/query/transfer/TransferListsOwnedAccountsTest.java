package io.ledgerflow.query.transfer;

import io.ledgerflow.query.pairing.SettledCuts;

import io.ledgerflow.query.account.AccountQueries;
import io.ledgerflow.query.mongo.ProjectionCollections;
import io.ledgerflow.query.mongo.ReadTimeLimit;
import io.ledgerflow.query.security.ReadScope;
import io.ledgerflow.query.support.ProjectionTestBase;
import io.ledgerflow.query.web.RequestValidationException;
import io.ledgerflow.servicekit.web.FieldViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client's list without {@code accountId} names every account it owns in one query; an owner of more accounts
 * than the query can carry is asked to name one (400), instead of a query MongoDB refuses (a 500).
 */
class TransferListsOwnedAccountsTest extends ProjectionTestBase {

    private static final int MOST_OWNED = 3;

    private TransferLists lists;

    @BeforeEach
    void ledger() {
        for (String account : new String[]{"few-1", "few-2", "few-3", "many-1", "many-2", "many-3", "many-4"}) {
            projections.apply(stream.open(account, account.substring(0, account.indexOf('-')), "USD"));
        }
        projections.apply(stream.deposit("dep-few", "few-3", 100));
        projections.apply(stream.deposit("dep-many", "many-4", 100));
        projections.apply(stream.transfer("many-to-few", "many-4", "few-1", 40));
        ProjectionCollections collections = new ProjectionCollections(database);
        lists = new TransferLists(collections, new AccountQueries(collections, new SettledCuts(collections)), MOST_OWNED,
                new ReadTimeLimit(Duration.ofSeconds(5)));
    }

    @Test
    void an_owner_of_at_most_the_limit_lists_every_transfer_touching_its_accounts() {
        assertThat(lists.page(query(null), ReadScope.ownedBy("few")).orElseThrow().items())
                .extracting(TransferView::id).containsExactly("many-to-few", "dep-few");
    }

    @Test
    void an_owner_of_more_is_asked_to_name_an_account_and_then_lists_it() {
        RequestValidationException refused = catchThrowableOfType(RequestValidationException.class,
                () -> lists.page(query(null), ReadScope.ownedBy("many")));

        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactly("accountId");
        assertThat(lists.page(query("many-4"), ReadScope.ownedBy("many")).orElseThrow().items())
                .extracting(TransferView::id).containsExactly("many-to-few", "dep-many");
        assertThat(lists.page(query(null), ReadScope.everything()).orElseThrow().items()).hasSize(3);
    }

    private static TransferListQuery query(String accountId) {
        return TransferListQuery.parse(accountId, null, null, null, null, null);
    }
}
