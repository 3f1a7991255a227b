package io.ledgerflow.command.audit.reconciliation;

import org.junit.jupiter.api.Test;

import static io.ledgerflow.command.audit.reconciliation.AccountComparison.Verdict.DIFFERENT;
import static io.ledgerflow.command.audit.reconciliation.AccountComparison.Verdict.LAGGING;
import static io.ledgerflow.command.audit.reconciliation.AccountComparison.Verdict.MATCHED;
import static org.assertj.core.api.Assertions.assertThat;

/** Store balances and projected documents in, verdict and differences out. */
class AccountComparisonTest {

    static final AccountFacts FACTS = new AccountFacts("alice", "USD", "OPEN", 0L, 7_500L, 100L, 0L);

    @Test
    void equal_facts_at_the_stores_newest_version_match() {
        var outcome = AccountComparison.compare(projected(3, FACTS), new StoredAccount("a", 2, FACTS));

        assertThat(outcome.verdict()).isEqualTo(MATCHED);
        assertThat(outcome.differences()).isEmpty();
    }

    @Test
    void a_projection_equal_to_the_store_at_its_own_version_but_behind_it_is_lagging() {
        var outcome = AccountComparison.compare(projected(3, FACTS), new StoredAccount("a", 9, FACTS));

        assertThat(outcome.verdict()).isEqualTo(LAGGING);
        assertThat(outcome.differences()).isEmpty();
    }

    @Test
    void every_field_that_differs_is_listed_with_both_values_and_the_version() {
        AccountFacts shown = new AccountFacts("mallory", "USD", "FROZEN", 0L, 9_999L, 100L, 0L);

        var outcome = AccountComparison.compare(projected(3, shown), new StoredAccount("a", 5, FACTS));

        assertThat(outcome.verdict()).isEqualTo(DIFFERENT);
        assertThat(outcome.differences()).containsExactly(
                new Difference("a", "ownerId", "alice", "mallory", 3),
                new Difference("a", "status", "OPEN", "FROZEN", 3),
                new Difference("a", "posted", 7_500L, 9_999L, 3));
    }

    @Test
    void a_field_the_store_does_not_say_differs_from_any_projected_value() {
        AccountFacts unreadable = new AccountFacts("alice", "USD", "OPEN", 0L, null, 100L, 0L);

        var outcome = AccountComparison.compare(projected(3, FACTS), new StoredAccount("a", 2, unreadable));

        assertThat(outcome.differences()).containsExactly(new Difference("a", "posted", null, 7_500L, 3));
    }

    @Test
    void a_projection_ahead_of_the_store_differs_on_its_version() {
        var outcome = AccountComparison.compare(projected(7, FACTS), new StoredAccount("a", 2, null));

        assertThat(outcome.differences()).containsExactly(new Difference("a", "version", 3L, 7L, 7));
    }

    @Test
    void an_account_the_store_never_had_differs_as_an_account() {
        var outcome = AccountComparison.compare(projected(1, FACTS), null);

        assertThat(outcome.verdict()).isEqualTo(DIFFERENT);
        assertThat(outcome.differences()).containsExactly(new Difference("a", "account", "absent", "present", 1));
    }

    private static ProjectedAccount projected(long version, AccountFacts facts) {
        return new ProjectedAccount("a", version, facts);
    }
}
