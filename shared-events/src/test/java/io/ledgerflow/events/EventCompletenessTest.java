package io.ledgerflow.events;

import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.Balances;
import io.ledgerflow.events.transfer.TransferKind;
import io.ledgerflow.events.transfer.TransferPending;
import io.ledgerflow.events.transfer.TransferPosted;
import io.ledgerflow.events.transfer.TransferTerms;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventCompletenessTest {

    private static final TransferTerms TERMS = new TransferTerms(TransferKind.TRANSFER, "a", "b", 10, "USD", null,
            Map.of());

    @Test
    void an_account_debit_without_balances_lacks_balances() {
        assertThat(EventCompleteness.missing(new AccountDebited("a", "t-1", 10, null))).containsExactly("balances");
        assertThat(EventCompleteness.missing(new AccountDebited("a", "t-1", 10, new Balances(0, 0, 0)))).isEmpty();
    }

    @Test
    void a_field_inside_a_nested_record_is_named_by_its_path() {
        TransferTerms noCurrency = new TransferTerms(TransferKind.TRANSFER, "a", null, 10, null, null, Map.of());

        assertThat(EventCompleteness.missing(new TransferPosted("t-1", noCurrency)))
                .containsExactly("terms.creditAccountId", "terms.currency");
    }

    @Test
    void fields_marked_may_be_null_are_complete_without_a_value() {
        assertThat(EventCompleteness.missing(new TransferPending("t-1", TERMS, null))).isEmpty();
        assertThat(EventCompleteness.missing(new AccountOpened("a", "alice", "USD", null, 0, null, false))).isEmpty();
        assertThat(EventCompleteness.missing(new AccountOpened("a", null, "USD", null, 0, null, false)))
                .containsExactly("ownerId");
    }
}
