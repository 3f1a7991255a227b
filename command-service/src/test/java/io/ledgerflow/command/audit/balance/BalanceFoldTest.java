package io.ledgerflow.command.audit.balance;

import io.ledgerflow.events.account.AccountCredited;
import io.ledgerflow.events.account.AccountDebitReserved;
import io.ledgerflow.events.account.AccountDebited;
import io.ledgerflow.events.account.AccountFrozen;
import io.ledgerflow.events.account.AccountOpened;
import io.ledgerflow.events.account.AccountReservationReleased;
import io.ledgerflow.events.account.AccountStatus;
import io.ledgerflow.events.account.Balances;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BalanceFoldTest {

    private final BalanceFold fold = new BalanceFold();

    @Test
    void posting_part_of_a_hold_releases_all_of_it() {
        fold.apply(new AccountOpened("a", "o", "USD", null, 50, Map.of(), false));
        fold.apply(new AccountCredited("a", "d1", 1_000, new Balances(1_000, 0, 0)));
        fold.apply(new AccountDebitReserved("a", "t1", 200, new Balances(1_000, 200, 0)));

        assertThat(fold.apply(new AccountDebited("a", "t1", 150, new Balances(850, 0, 0)))).isEmpty();
        assertThat(fold.balances()).isEqualTo(new Balances(850, 0, 0));
        assertThat(fold.available()).isEqualTo(900);
    }

    @Test
    void the_figures_are_folded_from_the_amounts_and_a_carried_balance_that_differs_is_reported() {
        fold.apply(new AccountOpened("a", "o", "USD", null, 0, Map.of(), false));

        assertThat(fold.apply(new AccountCredited("a", "d1", 1_000, new Balances(1_500, 0, 0))))
                .hasValueSatisfying(detail -> assertThat(detail).contains("replayed posted 1000", "carries posted 1500"));
        assertThat(fold.balances()).isEqualTo(new Balances(1_000, 0, 0));
    }

    @Test
    void a_release_without_a_reservation_and_events_before_the_opening_are_reported() {
        assertThat(fold.apply(new AccountCredited("a", "d1", 10, new Balances(10, 0, 0)))).isPresent();
        assertThat(fold.apply(new AccountOpened("a", "o", "USD", null, 0, Map.of(), false))).isEmpty();
        assertThat(fold.apply(new AccountReservationReleased("a", "t9", 5, new Balances(10, 0, 0))))
                .hasValueSatisfying(detail -> assertThat(detail).contains("t9"));
        assertThat(fold.apply(new AccountOpened("a", "o", "USD", null, 0, Map.of(), false))).isPresent();
    }

    @Test
    void an_event_stripped_of_its_balances_or_state_is_reported_not_a_failure() {
        fold.apply(new AccountOpened("a", "o", "USD", null, 0, Map.of(), false));

        assertThat(fold.apply(new AccountCredited("a", "d1", 100, null)))
                .hasValueSatisfying(detail -> assertThat(detail).contains("no balances"));
        assertThat(fold.apply(new AccountFrozen("a", null)))
                .hasValueSatisfying(detail -> assertThat(detail).contains("no state"));
        assertThat(fold.balances()).isEqualTo(new Balances(100, 0, 0));
        assertThat(fold.status()).isEqualTo(AccountStatus.OPEN);
    }
}
